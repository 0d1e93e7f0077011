import type { SQL } from "drizzle-orm";
import type { Ctx } from "@/lib/auth/actor";
import { listsSubquery } from "./columns";
import { pagedRows, pagedTextStream, type Audit } from "./paged";

// Contacts as one vCard 3.0 file (RFC 2426; 3.0 is what iPhone Contacts,
// Google Contacts, Outlook and Thunderbird all import), one card per contact.
//
// The lines are written here rather than by ical.js's ICAL.stringify, which
// was tried (2.2.1) on jCal ["vcard", [...], []] and gets two things wrong:
// - it folds after 75 octets and then adds the space, so every continuation
//   line is 76 octets (RFC 2426/6350 allow 75 including the space);
// - it leaves ";" unescaped in FN, NOTE and CATEGORIES (RFC 6350 says MAY
//   escape; RFC 2426's 3.0 text grammar requires it, and Apple's Address
//   Book has rejected cards where a bare ";" was followed by a fold at ":").
// So ";" is escaped everywhere here. Note that ical.js's parser unescapes
// "\;" only inside N, ADR and ORG parts, so a reader built on it sees "\;"
// in a NOTE. What remains to write is small: four escapes, octet folding.

/** What a card is made of, each read as text (NULL: not set). Keys are the export column ids where there is one (the audit lists them). */
const CARD_FIELDS = {
  id: "c.id::text",
  displayName: "c.display_name",
  firstName: "c.first_name",
  lastName: "c.last_name",
  company: "c.company",
  phone: "c.phone_e164",
  email: "c.email",
  addressStreet: "c.address_street",
  addressCity: "c.address_city",
  addressState: "c.address_state",
  addressZip: "c.address_zip",
  addressCountry: "c.address_country",
  notes: "c.notes",
  // JSON, not a joined string: a list name may hold any separator.
  lists: listsSubquery("json_agg(l.name ORDER BY lower(l.name))::text"),
  timezone: "c.timezone",
  externalId: "c.external_id",
} as const;

type Field = keyof typeof CARD_FIELDS;
export type CardContact = Record<Exclude<Field, "lists">, string | null> & { lists: string[] };

export const VCARD_FIELD_IDS = Object.keys(CARD_FIELDS) as Field[];
const COLUMNS = VCARD_FIELD_IDS.map((id) => ({ sql: CARD_FIELDS[id] }));

/** Streams the contacts matching `where` as cards, 200 a chunk (a card is about 300 bytes). */
export function vcardStream(ctx: Ctx, where: SQL, audit: Audit): ReadableStream<Uint8Array> {
  async function* cards() {
    for await (const row of pagedRows(ctx, COLUMNS, where)) {
      const contact = Object.fromEntries(VCARD_FIELD_IDS.map((id, i) => [id, row[i]])) as Record<Field, string | null>;
      yield contactCard({ ...contact, lists: contact.lists ? (JSON.parse(contact.lists) as string[]) : [] });
    }
  }
  return pagedTextStream(cards(), (batch) => batch.join(""), audit, { batchSize: 200 });
}

/**
 * One contact's card, CRLF after every line. A property is left out when its
 * value is empty (after control characters are removed); FN and N are always
 * there (3.0 requires both).
 */
export function contactCard(contact: CardContact): string {
  const v = (field: Exclude<Field, "lists">) => clean(contact[field]);
  const address = [v("addressStreet"), v("addressCity"), v("addressState"), v("addressZip"), v("addressCountry")];
  const lists = contact.lists.map(clean).filter(Boolean);
  // FN is what a phone shows: never empty, so a contact without a name is listed by how to reach them.
  const fn = [v("displayName").trim(), v("phone"), v("email"), v("company").trim()].find(Boolean) ?? "Unnamed contact";
  const lines = [
    "BEGIN:VCARD",
    "VERSION:3.0",
    `FN:${escapeText(fn)}`,
    `N:${escapeText(v("lastName"))};${escapeText(v("firstName"))};;;`,
    v("company") && `ORG:${escapeText(v("company"))}`,
    v("phone") && `TEL;TYPE=CELL:${escapeText(v("phone"))}`,
    v("email") && `EMAIL;TYPE=INTERNET:${escapeText(v("email"))}`,
    address.some(Boolean) && `ADR;TYPE=WORK:;;${address.map(escapeText).join(";")}`,
    v("notes") && `NOTE:${escapeText(v("notes"))}`,
    // Each name escaped (its commas too), then joined by the commas that separate them.
    lists.length > 0 && `CATEGORIES:${lists.map(escapeText).join(",")}`,
    // 3.0's TZ is a UTC offset unless VALUE=TEXT says otherwise (RFC 2426 3.4.1); an IANA name is text
    // (ical.js reads a bare "TZ:Europe/Berlin" in a 3.0 card as the offset "Europe/").
    v("timezone") && `TZ;VALUE=TEXT:${escapeText(v("timezone"))}`,
    v("externalId") && `X-SWITCHBOARD-EXTERNAL-ID:${escapeText(v("externalId"))}`,
    `UID:urn:uuid:${contact.id}`,
    "END:VCARD",
  ];
  return lines.filter((line): line is string => typeof line === "string" && line !== "").map(foldLine).join("\r\n") + "\r\n";
}

/**
 * A stored value as card text: line breaks become "\n" (the one control
 * character a card can carry, escaped), a tab a space (so the words around
 * it stay apart), and every other control character (C0, DEL, C1) goes: a
 * raw CR or NUL would end or break the line for the program reading it.
 */
export function clean(value: string | null): string {
  if (!value) return "";
  return value.replace(/\r\n?/g, "\n").replace(/\t/g, " ").replace(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g, "");
}

/** RFC 6350 3.4 / RFC 2426 5: backslash, comma, semicolon and newline escaped in a text value (and in each part of N, ADR, ORG). */
export function escapeText(value: string): string {
  return value.replace(/[\\,;\n]/g, (c) => (c === "\n" ? "\\n" : `\\${c}`));
}

const LIMIT = 75;

/**
 * Folds a line to at most 75 octets per line, the leading space of a
 * continuation line included (RFC 6350 3.2). Breaks fall between whole
 * characters (code points, so never inside a UTF-8 sequence or a surrogate
 * pair) and never inside an escape like "\n", for readers that unescape
 * before they unfold.
 */
export function foldLine(line: string): string {
  if (Buffer.byteLength(line) <= LIMIT) return line;
  const parts: string[] = [];
  let current = "";
  let octets = 0;
  let room = LIMIT;
  for (const unit of line.match(/\\.|[\s\S]/gu) ?? []) {
    const size = Buffer.byteLength(unit);
    if (octets + size > room) {
      parts.push(current);
      current = "";
      octets = 0;
      room = LIMIT - 1; // the continuation's leading space
    }
    current += unit;
    octets += size;
  }
  parts.push(current);
  return parts.join("\r\n ");
}
