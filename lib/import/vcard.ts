import { createInterface } from "node:readline";
import type { Readable } from "node:stream";
import ICAL from "ical.js";
import type { FileRecord } from "./source";

// A .vcf file as rows: cards are cut out of the stream line by line (so
// memory stays flat), each card is parsed by ical.js (Mozilla's RFC 6350
// parser), and its properties are laid out in fixed columns that then go
// through the same mapping, preview and run as a CSV's. What ical.js does
// not read — vCard 2.1's bare TYPE words and quoted-printable values, which
// Android and older Outlook still write — is rewritten first.

export const VCARD_COLUMNS = [
  "Full name", "First name", "Last name", "Company",
  "Phone 1 type", "Phone 1", "Phone 2 type", "Phone 2", "Phone 3 type", "Phone 3",
  "Email 1", "Email 2",
  "Street", "City", "Region", "Postal code", "Country",
  "Notes", "Categories", "Birthday", "Job title", "Time zone", "External ID",
] as const;
const COLUMN = Object.fromEntries(VCARD_COLUMNS.map((c, i) => [c, i])) as Record<(typeof VCARD_COLUMNS)[number], number>;

/** Several values in the last slot, as Google writes them: the import keeps the first, counts the rest as not imported. */
const MULTI_VALUE = " ::: ";

/** A card that cannot be read: the row fails with this reason, at the card's first line. */
export type CardProblem = { rowNumber: number; values: string[]; problem: string };

export async function* vcardRecords(source: Readable): AsyncGenerator<FileRecord | CardProblem> {
  const lines = createInterface({ input: source, crlfDelay: Infinity });
  let card: string[] | null = null;
  let start = 0;
  let lineNo = 0;
  let stray = false;
  for await (const raw of lines) {
    lineNo++;
    const line = lineNo === 1 ? raw.replace(/^\uFEFF/, "") : raw;
    if (card === null) {
      if (/^BEGIN:VCARD\s*$/i.test(line)) {
        card = [];
        start = lineNo;
        stray = false;
      } else if (line.trim() !== "" && !stray) {
        stray = true;
        yield problemAt(lineNo, "This line is outside any card (each card starts with BEGIN:VCARD and ends with END:VCARD).");
      }
      continue;
    }
    if (/^END:VCARD\s*$/i.test(line)) {
      yield readCard(card, start);
      card = null;
    } else if (/^BEGIN:VCARD\s*$/i.test(line)) {
      yield problemAt(start, "This card has no END:VCARD before the next card begins.");
      card = [];
      start = lineNo;
    } else if ((line.startsWith(" ") || line.startsWith("\t")) && card.length > 0) {
      // A folded line continues the one before it (RFC 6350 §3.2).
      card[card.length - 1] += line.slice(1);
    } else if (card.length > 0 && /^[^:]*ENCODING=QUOTED-PRINTABLE[^:]*:.*=$/i.test(card[card.length - 1])) {
      // A quoted-printable soft line break: the value goes on.
      card[card.length - 1] = card[card.length - 1].slice(0, -1) + line;
    } else if (line.trim() !== "") card.push(line);
  }
  if (card !== null) yield problemAt(start, "This card has no END:VCARD: the file ends inside it.");
}

function problemAt(rowNumber: number, problem: string): CardProblem {
  return { rowNumber, values: [], problem };
}

function readCard(lines: string[], start: number): FileRecord | CardProblem {
  let parsed: unknown;
  try {
    const text = lines.map(rewriteLegacy).filter((l): l is string => l !== null);
    parsed = ICAL.parse(`BEGIN:VCARD\r\n${text.join("\r\n")}\r\nEND:VCARD\r\n`);
  } catch (error) {
    return problemAt(start, `This card could not be read: ${(error as Error).message.replace(/\s+/g, " ").slice(0, 200)}.`);
  }
  const properties = (Array.isArray(parsed) && Array.isArray(parsed[1]) ? parsed[1] : []) as JCalProperty[];
  return { rowNumber: start, values: cardValues(properties) };
}

/** jCal: [name, parameters, value type, ...values]. */
type JCalProperty = [string, Record<string, string | string[]>, string, ...unknown[]];

/** Properties nobody imports that can be large (a photo is a base64 image). */
const SKIPPED = /^(?:[\w-]+\.)?(PHOTO|LOGO|SOUND|KEY)[;:]/i;

/**
 * One property line in a form ical.js reads: vCard 2.1's "TEL;CELL:" becomes
 * "TEL;TYPE=CELL:", and a quoted-printable value (with its CHARSET) is decoded.
 */
export function rewriteLegacy(line: string): string | null {
  if (SKIPPED.test(line)) return null;
  const colon = valueStart(line);
  if (colon < 0) return line; // ical.js names the broken line
  const [name, ...params] = line.slice(0, colon).split(";");
  let value = line.slice(colon + 1);
  let charset = "utf-8";
  let quotedPrintable = false;
  const kept: string[] = [];
  for (const param of params) {
    const eq = param.indexOf("=");
    const key = (eq < 0 ? "" : param.slice(0, eq)).toUpperCase();
    const paramValue = eq < 0 ? param : param.slice(eq + 1);
    if (key === "ENCODING" || (eq < 0 && /^(QUOTED-PRINTABLE|8BIT)$/i.test(param))) quotedPrintable ||= /^QUOTED-PRINTABLE$/i.test(paramValue);
    else if (key === "CHARSET") charset = paramValue.replace(/"/g, "");
    else kept.push(eq < 0 ? `TYPE=${param}` : param);
  }
  if (quotedPrintable) value = escapeText(decodeQuotedPrintable(value, charset));
  // A 3.0 TZ is a UTC offset unless VALUE=TEXT says otherwise, and ical.js reads "TZ:Europe/Berlin" as "Europe": a zone name is text.
  if (/^(?:[\w-]+\.)?TZ$/i.test(name) && !kept.some((p) => /^VALUE=/i.test(p)) && !/^[+-]\d/.test(value)) kept.push("VALUE=TEXT");
  return [name, ...kept].join(";") + ":" + value;
}

/** Where the value starts: the first colon outside a quoted parameter value. */
function valueStart(line: string): number {
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    if (line[i] === '"') quoted = !quoted;
    else if (line[i] === ":" && !quoted) return i;
  }
  return -1;
}

function decodeQuotedPrintable(value: string, charset: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < value.length; i++) {
    const hex = value[i] === "=" ? value.slice(i + 1, i + 3) : "";
    if (/^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else bytes.push(...Buffer.from(value[i], "utf8"));
  }
  try {
    return new TextDecoder(charset).decode(Uint8Array.from(bytes));
  } catch {
    return new TextDecoder("utf-8").decode(Uint8Array.from(bytes));
  }
}

/** RFC 6350 3.4's escapes undone, for a value ical.js hands over as written. */
function unescapeText(value: string): string {
  return value.replace(/\\([\\,;nN])/g, (_, c: string) => (c === "n" || c === "N" ? "\n" : c));
}

/** Decoded text back in vCard's escaped form. Its ; stay (they separate N's and ADR's parts); a comma in 2.1 is only a comma. */
function escapeText(text: string): string {
  return text.replace(/\\/g, "\\\\").replace(/,/g, "\\,").replace(/\r?\n/g, "\\n");
}

function cardValues(properties: JCalProperty[]): string[] {
  const values: string[] = VCARD_COLUMNS.map(() => "");
  const phones: { type: string; value: string }[] = [];
  const emails: string[] = [];
  let address: string[] | null = null;
  for (const [name, params, , ...rawValues] of properties) {
    // A comma a sloppy writer left unescaped splits a text value in two: put back as it was.
    const joined = name === "categories" ? rawValues.map(text).filter(Boolean).join("|") : rawValues.map(untrimmed).join(",").trim();
    // ical.js unescapes "\;" only inside N, ADR and ORG, and an X- property's value not at all.
    const value = name.startsWith("x-") ? unescapeText(joined) : joined.replace(/\\;/g, ";");
    switch (name) {
      case "fn": values[COLUMN["Full name"]] = value; break;
      case "n": {
        const parts = structured(rawValues);
        values[COLUMN["Last name"]] = parts[0] ?? "";
        values[COLUMN["First name"]] = [parts[1], parts[2]].filter(Boolean).join(" ");
        break;
      }
      case "org": values[COLUMN.Company] ||= structured(rawValues)[0] ?? ""; break;
      case "tel": phones.push({ type: [params.type ?? ""].flat().join(","), value: value.replace(/^tel:/i, "") }); break;
      case "email": emails.push(value.replace(/^mailto:/i, "")); break;
      case "adr": address ??= structured(rawValues); break;
      case "note": values[COLUMN.Notes] = value; break;
      case "categories": values[COLUMN.Categories] = values[COLUMN.Categories] ? `${values[COLUMN.Categories]}|${value}` : value; break;
      case "bday": values[COLUMN.Birthday] = value; break;
      case "title": values[COLUMN["Job title"]] ||= value; break;
      case "tz": values[COLUMN["Time zone"]] = value; break;
      case "x-switchboard-external-id": values[COLUMN["External ID"]] = value; break;
    }
  }
  phones.slice(0, 3).forEach((phone, i) => {
    values[COLUMN["Phone 1 type"] + 2 * i] = phone.type;
    values[COLUMN["Phone 1"] + 2 * i] = i === 2 ? phones.slice(2).map((p) => p.value).join(MULTI_VALUE) : phone.value;
  });
  values[COLUMN["Email 1"]] = emails[0] ?? "";
  values[COLUMN["Email 2"]] = emails.slice(1).join(MULTI_VALUE);
  if (address) {
    const [, extended, street, city, region, postal, country] = address as string[];
    values[COLUMN.Street] = [street, extended].filter(Boolean).join(", ");
    values[COLUMN.City] = city ?? "";
    values[COLUMN.Region] = region ?? "";
    values[COLUMN["Postal code"]] = postal ?? "";
    values[COLUMN.Country] = country ?? "";
  }
  return values;
}

/** A structured value's parts (N, ADR, ORG); a part with several values is joined by spaces. */
function structured(rawValues: unknown[]): string[] {
  const first = rawValues[0];
  const parts = Array.isArray(first) ? first : [first];
  return parts.map((p) => (Array.isArray(p) ? p.map(text).filter(Boolean).join(" ") : text(p)).trim());
}

function untrimmed(value: unknown): string {
  if (Array.isArray(value)) return value.map(untrimmed).join(" ");
  return value === null || value === undefined ? "" : String(value);
}

function text(value: unknown): string {
  if (Array.isArray(value)) return value.map(text).join(" ");
  return value === null || value === undefined ? "" : String(value).trim();
}
