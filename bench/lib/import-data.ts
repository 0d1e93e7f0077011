import fs from "node:fs";
import { once } from "node:events";
import { parsePhoneNumberFromString } from "libphonenumber-js/max";
import { parsePhone } from "@/lib/contacts/phone";
import { copyTextCell } from "@/lib/tsv-buffer";
import { demoContact, phoneFor } from "@/scripts/seed/generate";

// The import benchmark's file: N data rows made from the seed generator's
// people (so names, companies, emails and phone ranges look like the demo
// data), written to disk as they are generated. Per row, from a hash of the
// row number:
//   2% repeat the phone of an earlier row of the file (another format) → skipped in file
//   2% carry the phone of a contact already in the workspace            → skipped as existing
//   1% are invalid: half have no name, half a bad phone and no email   → failed
//   the rest are new contacts (4% of them by email only, as in the seed).
// Company is filled on about 20% of rows (the seed's 70% makes a 1,000,000-row
// file 57.5 MiB, over the app's 50 MiB upload limit).
// Phones come in mixed formats: US numbers national ("(201) 555-0123",
// "201.555.0123", "201-555-0123", "2015550123") or international ("+1 201 555
// 0123"); other countries as "+44 20 7946 0958", "+442079460958" or with the
// US exit code ("011 44 20 7946 0958"). Every one of them is valid for
// libphonenumber-js/max with the workspace's default country, US.
//
// The same pass writes the baseline's input: exactly the rows that should
// land, pre-normalized (E.164 phone, digits, country, lower-case email,
// display name) as COPY text.

export const IMPORT_HEADER = ["First name", "Last name", "Company", "Phone", "Email"];

/**
 * The file's shape: our five columns; a Google Contacts export (30 of its
 * columns, as Google writes them: most empty, every phone labelled, the
 * "* myContacts" system label on every row, "Customers" on 5%, a second,
 * work number on 10% of new rows, which the import does not keep); or a
 * vCard 3.0 file, one card per row.
 */
export type Layout = "csv" | "google" | "vcard";

export const GOOGLE_HEADER = [
  "First Name", "Middle Name", "Last Name", "Phonetic First Name", "Phonetic Middle Name", "Phonetic Last Name", "Name Prefix", "Name Suffix", "Nickname", "File As",
  "Organization Name", "Organization Title", "Organization Department", "Birthday", "Notes", "Photo", "Labels", "E-mail 1 - Label", "E-mail 1 - Value",
  "Phone 1 - Label", "Phone 1 - Value", "Phone 2 - Label", "Phone 2 - Value", "Address 1 - Label", "Address 1 - Formatted", "Address 1 - Street", "Address 1 - City",
  "Address 1 - Region", "Address 1 - Postal Code", "Address 1 - Country",
];

type FileRow = { first: string; last: string; company: string | null; phone: string; email: string; i: number; extraPhone: string | null };

function fileHeader(layout: Layout): string {
  if (layout === "vcard") return "";
  return (layout === "google" ? GOOGLE_HEADER : IMPORT_HEADER).join(",") + "\n";
}

function fileRow(layout: Layout, r: FileRow): string {
  if (layout === "csv") return `${csvCell(r.first)},${csvCell(r.last)},${csvCell(r.company)},${csvCell(r.phone)},${csvCell(r.email)}\n`;
  if (layout === "google") {
    const labels = unit(r.i, 8) < 0.05 ? "* myContacts ::: Customers" : "* myContacts";
    const cells = [r.first, "", r.last, "", "", "", "", "", "", "", r.company ?? "", "", "", "", "", "", labels, r.email ? "* Work" : "", r.email, r.phone ? "Mobile" : "", r.phone, r.extraPhone ? "Work" : "", r.extraPhone ?? "", "", "", "", "", "", "", ""];
    return cells.map(csvCell).join(",") + "\n";
  }
  const text = (v: string) => v.replace(/\\/g, "\\\\").replace(/[,;]/g, (c) => `\\${c}`);
  const lines = ["BEGIN:VCARD", "VERSION:3.0", `FN:${text([r.first, r.last].filter(Boolean).join(" "))}`, `N:${text(r.last)};${text(r.first)};;;`];
  if (r.company) lines.push(`ORG:${text(r.company)}`);
  if (r.phone) lines.push(`TEL;TYPE=CELL:${r.phone}`);
  if (r.extraPhone) lines.push(`TEL;TYPE=WORK:${r.extraPhone}`);
  if (r.email) lines.push(`EMAIL;TYPE=INTERNET:${r.email}`);
  lines.push("END:VCARD");
  return lines.join("\r\n") + "\r\n";
}
/** What the rows that land look like as contacts columns (the rest take the table's defaults). */
export const BASELINE_COLUMNS = [
  "workspace_id", "first_name", "last_name", "display_name", "company", "phone_e164", "phone_digits", "phone_country",
  "email", "source", "created_by", "updated_by",
] as const;

export type Category = "new" | "in_file" | "existing" | "invalid";
export type Expected = { rows: number; new: number; inFile: number; existing: number; invalid: number };

/** Different from the seed's streams, so the categories do not follow the people. */
function hash32(x: number): number {
  x = (x ^ (x >>> 16)) >>> 0;
  x = Math.imul(x, 0x21f0aaad) >>> 0;
  x = (x ^ (x >>> 15)) >>> 0;
  x = Math.imul(x, 0x735a2d97) >>> 0;
  return (x ^ (x >>> 15)) >>> 0;
}
const unit = (i: number, stream: number) => hash32((i * 0x9e3779b1 + stream * 0x85ebca6b) >>> 0) / 4294967296;

function categoryOf(i: number): Category {
  const u = unit(i, 1);
  if (u < 0.02) return "in_file";
  if (u < 0.04) return "existing";
  if (u < 0.05) return "invalid";
  return "new";
}

const US_FORMATS = [
  (a: string, e: string, n: string) => `(${a}) ${e}-${n}`,
  (a: string, e: string, n: string) => `${a}.${e}.${n}`,
  (a: string, e: string, n: string) => `${a}-${e}-${n}`,
  (a: string, e: string, n: string) => `+1 ${a} ${e} ${n}`,
  (a: string, e: string, n: string) => `${a}${e}${n}`,
];

/** One of the mixed formats of a valid E.164 number, chosen by `pick` in [0, 1). */
export function formatPhone(e164: string, pick: number): string {
  if (e164.startsWith("+1")) {
    const d = e164.slice(2);
    return US_FORMATS[Math.floor(pick * US_FORMATS.length)](d.slice(0, 3), d.slice(3, 6), d.slice(6));
  }
  const style = Math.floor(pick * 3);
  if (style === 1) return e164;
  const international = parsePhoneNumberFromString(e164)!.formatInternational(); // "+44 20 7946 0958"
  return style === 0 ? international : `011 ${international.slice(1)}`;
}

const COMPANY_KEEP = 0.29;

const BAD_PHONES = ["555-0100", "12345", "+1 (201) 000-0000", "+44 20 0000", "n/a", "0000000", "+999 123 456"];

function csvCell(value: string | null): string {
  if (value === null || value === "") return "";
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}


export type GenerateOptions = {
  rows: number;
  /** Contacts already in the workspace: generator rows 0 … preseed-1 (existing duplicates come from there). */
  preseed: number;
  csvPath?: string;
  layout?: Layout;
  /** With the target's ids: also write the baseline's COPY text. */
  baseline?: { path: string; workspaceId: string; createdBy: string };
  now?: number;
};

export type Generated = { expected: Expected; csvBytes: number; baselineBytes: number; seconds: number };

/** Writes the CSV (and the baseline's COPY text) in 2 MB pieces with back-pressure; memory stays flat. */
export async function generateImportFiles(options: GenerateOptions): Promise<Generated> {
  const started = performance.now();
  const now = options.now ?? Date.UTC(2026, 0, 1);
  const csv = options.csvPath ? fs.createWriteStream(options.csvPath) : null;
  const copy = options.baseline ? fs.createWriteStream(options.baseline.path) : null;
  const fixed = options.baseline ? { ws: options.baseline.workspaceId, by: options.baseline.createdBy } : null;
  const expected: Expected = { rows: options.rows, new: 0, inFile: 0, existing: 0, invalid: 0 };
  // Which file rows are new contacts with a phone (in-file duplicates repeat one of those).
  const newWithPhone = new Uint8Array(options.rows);
  let existingCursor = 0;
  let csvBytes = 0;
  let copyBytes = 0;
  const layout = options.layout ?? "csv";
  let csvBuf = csv ? fileHeader(layout) : "";
  let copyBuf = "";
  const flush = async (force = false) => {
    if (csv && (force || csvBuf.length > 2_000_000)) {
      csvBytes += Buffer.byteLength(csvBuf);
      if (!csv.write(csvBuf)) await once(csv, "drain");
      csvBuf = "";
    }
    if (copy && (force || copyBuf.length > 2_000_000)) {
      copyBytes += Buffer.byteLength(copyBuf);
      if (!copy.write(copyBuf)) await once(copy, "drain");
      copyBuf = "";
    }
  };

  for (let i = 0; i < options.rows; i++) {
    const person = demoContact(options.preseed + i, now);
    let category = categoryOf(i);
    let phoneText = person.phoneE164 ? formatPhone(person.phoneE164, unit(i, 2)) : "";
    let first: string = person.firstName;
    let last: string = person.lastName;
    let email = person.email ?? "";
    // Company on about 20% of rows (the seed has 70%): a 1,000,000-row file must stay under the 50 MB upload limit.
    const company = person.company && unit(i, 7) < COMPANY_KEEP ? person.company : null;

    if (category === "in_file") {
      // An earlier new row with a phone, up to 5,000 rows back.
      let j = i - 1 - Math.floor(unit(i, 3) * Math.min(i, 5000));
      while (j >= 0 && !newWithPhone[j]) j--;
      if (j < 0) category = "new";
      else phoneText = formatPhone(demoContact(options.preseed + j, now).phoneE164!, unit(i, 4));
    } else if (category === "existing") {
      // A seeded contact with a phone; distinct for every such row (a bijection of 0 … preseed-1).
      let e164: string | null = null;
      while (e164 === null) {
        if (existingCursor >= options.preseed) throw new Error("more existing duplicates than seeded contacts");
        const row = (existingCursor++ * 7919) % options.preseed;
        e164 = demoContact(row, now).phoneE164;
      }
      phoneText = formatPhone(e164, unit(i, 4));
    } else if (category === "invalid") {
      if (unit(i, 5) < 0.5) {
        first = "";
        last = "";
      } else {
        phoneText = BAD_PHONES[Math.floor(unit(i, 6) * BAD_PHONES.length)];
        email = "";
      }
    }

    if (category === "new") {
      expected.new++;
      if (person.phoneE164) newWithPhone[i] = 1;
      if (fixed) {
        copyBuf +=
          [
            fixed.ws, copyTextCell(first), copyTextCell(last), copyTextCell(`${first} ${last}`), copyTextCell(company), copyTextCell(person.phoneE164),
            copyTextCell(person.phoneDigits), copyTextCell(person.phoneCountry), copyTextCell(person.email), "import", fixed.by, fixed.by,
          ].join("\t") + "\n";
      }
    } else if (category === "in_file") expected.inFile++;
    else if (category === "existing") expected.existing++;
    else expected.invalid++;

    // A work number beside the mobile on 10% of new rows (Google and vCard): not kept, so the rows land as in the CSV.
    const extraPhone = layout !== "csv" && category === "new" && phoneText && unit(i, 9) < 0.1 ? `+1 555 01${String(i % 100).padStart(2, "0")}` : null;
    if (csv) csvBuf += fileRow(layout, { first, last, company, phone: phoneText, email, i, extraPhone });
    if ((i & 0x3ff) === 0x3ff) await flush();
  }
  await flush(true);
  if (csv) {
    csv.end();
    await once(csv, "finish");
  }
  if (copy) {
    copy.end();
    await once(copy, "finish");
  }
  return { expected, csvBytes, baselineBytes: copyBytes, seconds: (performance.now() - started) / 1000 };
}

/** Every format and bad phone parses (or fails) as intended with default country US; throws otherwise. */
export function checkPhoneFormats(preseed: number, sample = 2000): void {
  for (let k = 0; k < sample; k++) {
    const e164 = phoneFor(preseed + k * 37).e164;
    for (let f = 0; f < 5; f++) {
      const text = formatPhone(e164, f / 5 + 0.01);
      const parsed = parsePhone(text, "US");
      if (!parsed.ok || parsed.phone.e164 !== e164) throw new Error(`phone format check: "${text}" does not parse back to ${e164}`);
    }
  }
  for (const bad of BAD_PHONES) {
    if (parsePhone(bad, "US").ok) throw new Error(`phone format check: "${bad}" is meant to be invalid but parses`);
  }
}
