import { Readable } from "node:stream";
import { fixture } from "./support";
import { rewriteLegacy, VCARD_COLUMNS, vcardRecords, type CardProblem } from "@/lib/import/vcard";
import { FileProblem, type FileRecord } from "@/lib/import/source";

// Cards are read card by card from a stream, each parsed by ical.js; these
// are the shapes real programs write.

async function read(content: Buffer | string, chunkBytes = 7): Promise<(FileRecord | CardProblem)[]> {
  const buffer = Buffer.isBuffer(content) ? content : Buffer.from(content);
  // Small chunks: a card, a line and a UTF-8 character all cross chunk boundaries.
  const chunks: Buffer[] = [];
  for (let i = 0; i < buffer.length; i += chunkBytes) chunks.push(buffer.subarray(i, i + chunkBytes));
  const out: (FileRecord | CardProblem)[] = [];
  for await (const record of vcardRecords(Readable.from(chunks))) out.push(record);
  return out;
}

/** A record as column → value, the empty ones left out. */
function named(record: FileRecord | CardProblem): Record<string, string> {
  return Object.fromEntries(VCARD_COLUMNS.map((c, i) => [c, record.values[i] ?? ""]).filter(([, v]) => v !== ""));
}

test("an iPhone/iCloud 3.0 file: groups, several TEL and EMAIL, a folded photo skipped, escaped and folded text", async () => {
  const [jane, ravi, ...rest] = await read(fixture("formats/apple.vcf"));
  expect(rest).toEqual([]);
  expect(jane.rowNumber).toBe(1);
  expect(named(jane)).toEqual({
    "Full name": "Jane Q. Doe", "First name": "Jane Q.", "Last name": "Doe", Company: "Acme Corp",
    // The mobile first (a row keeps it), then the card's order.
    "Phone 1 type": "CELL,VOICE,pref", "Phone 1": "+1 201-555-0199", "Phone 2 type": "WORK,VOICE", "Phone 2": "+1 201-555-0100", "Phone 3": "+1 201-555-0198",
    "Email 1": "jane@acme.example", "Email 2": "jane.doe@home.example",
    Street: "1 Main St", City: "Springfield", Region: "NJ", "Postal code": "07081", Country: "United States",
    Notes: "Met at the fair, booth 12.\nCall after 5.", Categories: "Customers|VIP", Birthday: "1985-04-12", "Job title": "Buyer",
  });
  expect(ravi.rowNumber).toBe(23);
  expect(named(ravi).Notes).toBe("A note long enough to be folded by the program that wrote this card, so that its second line starts with one space which unfolding removes.");
});

test("a 4.0 card: tel: URIs, quoted TYPE lists, a birthday without a year (ical.js writes --06-30), a time zone", async () => {
  const [li] = await read(fixture("formats/v4.vcf"));
  expect(named(li)).toEqual({
    "Full name": "Li Wei", "First name": "Li", "Last name": "Wei", Company: "Partner Ltd",
    "Phone 1 type": "cell,text", "Phone 1": "+1-201-555-0121", "Phone 2 type": "voice,home", "Phone 2": "+1-201-555-0120",
    "Email 1": "li@partner.example", Categories: "Partners", Birthday: "--06-30", "Time zone": "Europe/Berlin",
  });
});

test("a 2.1 card from Android: bare TYPE words, quoted-printable in UTF-8 and Latin-1 with a soft line break", async () => {
  const [card] = await read(fixture("formats/android-21.vcf"), 5);
  expect(named(card)).toEqual({
    "Full name": "Jürgen Müller", "First name": "Jürgen", "Last name": "Müller",
    "Phone 1 type": "CELL", "Phone 1": "+49 151 23456789", "Phone 2 type": "WORK,VOICE", "Phone 2": "+49 30 1234567",
    "Email 1": "juergen@example.de", Notes: "Straße 1, Zimmer 2\nzweite Zeile",
  });
  expect(rewriteLegacy("TEL;CELL;PREF:+1 555")).toBe("TEL;TYPE=CELL;TYPE=PREF:+1 555");
});

test("a broken card is a row error at its first line; the cards around it are read", async () => {
  const records = await read(fixture("formats/broken.vcf"));
  expect(records.map((r) => [r.rowNumber, "problem" in r ? r.problem : named(r)["Full name"]])).toEqual([
    [1, "Good One"],
    [6, "This card has no END:VCARD before the next card begins."],
    [10, expect.stringMatching(/^This card could not be read: invalid line .*this line has no colon/)],
    [15, "Good Two"],
  ]);
});

test("more cards than one slot holds go into the last slot; stray text and an unended file are reported once", async () => {
  const card = ["BEGIN:VCARD", "VERSION:3.0", "FN:Many", ...[1, 2, 3, 4, 5].map((n) => `TEL:+1 201-555-010${n}`), "EMAIL:a@x.example", "EMAIL:b@x.example", "EMAIL:c@x.example", "END:VCARD"].join("\n");
  const [many] = await read(card);
  expect(named(many)).toMatchObject({ "Phone 1": "+1 201-555-0101", "Phone 3": "+1 201-555-0103 ::: +1 201-555-0104 ::: +1 201-555-0105", "Email 2": "b@x.example ::: c@x.example" });
  const records = await read(`junk\nmore junk\n${card}\nBEGIN:VCARD\nFN:Cut off`);
  expect(records.map((r) => [r.rowNumber, "problem" in r ? r.problem : "ok"])).toEqual([
    [1, expect.stringMatching(/^This line is outside any card/)],
    [3, "ok"],
    [15, "This card has no END:VCARD: the file ends inside it."],
  ]);
});

test("what ical.js leaves escaped is unescaped; a 3.0 TZ holding a zone name is the zone, not an offset", async () => {
  const [card] = await read(["BEGIN:VCARD", "VERSION:3.0", "FN:Semi\\; Colon", "NOTE:a\\; b\\, c\\\\d", "TZ:America/New_York", "X-SWITCHBOARD-EXTERNAL-ID:crm\\;7\\,a", "END:VCARD"].join("\r\n"));
  expect(named(card)).toEqual({ "Full name": "Semi; Colon", Notes: "a; b, c\\d", "Time zone": "America/New_York", "External ID": "crm;7,a" });
});

test("a mobile listed 4th is still the one a row keeps", async () => {
  const [card] = await read(["BEGIN:VCARD", "VERSION:3.0", "FN:Four", "TEL;TYPE=WORK:+1 201-555-0101", "TEL;TYPE=HOME:+1 201-555-0102", "TEL;TYPE=FAX:+1 201-555-0103", "TEL;TYPE=CELL:+1 201-555-0104", "END:VCARD"].join("\r\n"));
  expect(named(card)).toMatchObject({ "Phone 1 type": "CELL", "Phone 1": "+1 201-555-0104", "Phone 3": "+1 201-555-0102 ::: +1 201-555-0103" });
});

test("quoted-printable: a soft break before a line that starts with a space, and the bare 2.1 QUOTED-PRINTABLE word", async () => {
  const [card] = await read(["BEGIN:VCARD", "VERSION:2.1", "FN:QP", "NOTE;ENCODING=QUOTED-PRINTABLE:Hello=", " World", "TITLE;QUOTED-PRINTABLE:Chef=", "=C3=A9", "END:VCARD"].join("\r\n"));
  expect(named(card)).toMatchObject({ Notes: "Hello World", "Job title": "Chefé" });
});

test("hostile files: a card over 2 MB, a line over 2 MB, bytes that are not UTF-8 and a NUL fail the file; a NUL in a decoded value fails its card", async () => {
  const long = ["BEGIN:VCARD", "FN:Long", ...Array.from({ length: 1_100_000 }, () => " a"), "END:VCARD"].join("\n");
  await expect(read(long, 65536)).rejects.toThrow(new FileProblem("Line 1: a card is larger than 2 MB. Check the file for a missing END:VCARD."));
  await expect(read(`BEGIN:VCARD\nNOTE:${"x".repeat(2_200_000)}`, 65536)).rejects.toThrow(/^Line 2 is longer than 2 MB/);
  await expect(read(Buffer.concat([Buffer.from("BEGIN:VCARD\nFN:"), Buffer.from([0xff, 0xfe]), Buffer.from("\nEND:VCARD\n")]))).rejects.toThrow(/not UTF-8/);
  await expect(read("BEGIN:VCARD\nFN:a\0b\nEND:VCARD\n")).rejects.toThrow(/^Line 2 contains a NUL character/);
  const [nul] = await read("BEGIN:VCARD\nFN:ok\nNOTE;ENCODING=QUOTED-PRINTABLE:a=00b\nEND:VCARD\n");
  expect(nul).toMatchObject({ rowNumber: 1, problem: expect.stringMatching(/NUL/) });
  // Many short soft-broken lines are read in linear time (joined once), well under the test's timeout.
  const soft = ["BEGIN:VCARD", "FN:Soft", "NOTE;ENCODING=QUOTED-PRINTABLE:a=", ...Array.from({ length: 200_000 }, () => "a="), "b", "END:VCARD"].join("\n");
  const [softCard] = await read(soft, 65536);
  expect(named(softCard).Notes).toHaveLength(200_002);
});
