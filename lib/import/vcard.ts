import type { Readable } from "node:stream";
import ICAL from "ical.js";
import { FileProblem } from "./file-problem";
import { isMobileLabel, MULTI_VALUE } from "./header-map";
import type { FileRecord } from "./source";
import { MAX_CELL_BYTES } from "./limits";

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

/** A card that cannot be read: the row fails with this reason, at the card's first line. */
export type CardProblem = { rowNumber: number; values: string[]; problem: string };

/** A card over this many characters fails the file, as a CSV row over 2 MB does: it is a missing END:VCARD, not a contact. */
const MAX_CARD_CHARS = MAX_CELL_BYTES * 2;

export async function* vcardRecords(source: Readable): AsyncGenerator<FileRecord | CardProblem> {
  let card: string[] | null = null;
  // The property being read, in pieces: its folded and soft-broken lines are joined once, when it ends
  // (joining at every line copied the whole value each time: a hostile card of short lines took minutes).
  let property: string[] = [];
  // Whether that property is quoted-printable: its "=" at the end of a line is a soft line break.
  let quotedPrintable = false;
  let cardChars = 0;
  let start = 0;
  let stray = false;
  const endProperty = () => {
    if (property.length > 0) card!.push(property.join(""));
    property = [];
  };
  for await (const { line, lineNo } of textLines(source)) {
    if (card === null) {
      if (/^BEGIN:VCARD\s*$/i.test(line)) {
        card = [];
        cardChars = 0;
        start = lineNo;
        stray = false;
      } else if (line.trim() !== "" && !stray) {
        stray = true;
        yield problemAt(lineNo, "This line is outside any card (each card starts with BEGIN:VCARD and ends with END:VCARD).");
      }
      continue;
    }
    cardChars += line.length;
    if (cardChars > MAX_CARD_CHARS) throw new FileProblem(`Line ${start}: a card is larger than 2 MB. Check the file for a missing END:VCARD.`);
    const last = property.length - 1;
    if (/^END:VCARD\s*$/i.test(line)) {
      endProperty();
      yield readCard(card, start);
      card = null;
    } else if (/^BEGIN:VCARD\s*$/i.test(line)) {
      property = [];
      yield problemAt(start, "This card has no END:VCARD before the next card begins.");
      card = [];
      cardChars = 0;
      start = lineNo;
    } else if (last >= 0 && quotedPrintable && property[last].endsWith("=")) {
      // A quoted-printable soft line break (before folding: its next line may start with a space that is text).
      property[last] = property[last].slice(0, -1);
      property.push(line);
    } else if (last >= 0 && (line.startsWith(" ") || line.startsWith("\t"))) {
      // A folded line continues the one before it (RFC 6350 §3.2).
      property.push(line.slice(1));
    } else if (line.trim() !== "") {
      endProperty();
      property.push(line);
      quotedPrintable = propertyParts(line)?.quotedPrintable ?? false;
    }
  }
  if (card !== null) yield problemAt(start, "This card has no END:VCARD: the file ends inside it.");
}

/**
 * The file's lines, decoded as UTF-8 strictly (a byte that is not UTF-8 fails
 * the file, as in a CSV) and checked for NUL, which no text holds.
 */
async function* textLines(source: Readable): AsyncGenerator<{ line: string; lineNo: number }> {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let pending = "";
  let lineNo = 0;
  const emit = (text: string) => {
    lineNo++;
    const line = text.endsWith("\r") ? text.slice(0, -1) : text;
    if (line.includes("\0")) throw new FileProblem(`Line ${lineNo} contains a NUL character (a zero byte), which text never holds: the file is damaged. Export it again and upload that.`);
    return { line: lineNo === 1 ? line.replace(/^\uFEFF/, "") : line, lineNo };
  };
  // Lines are cut by index and the rest kept once per chunk (slicing the rest per line copied it hundreds of times).
  const split = function* (final: boolean) {
    let from = 0;
    for (let at = pending.indexOf("\n"); at !== -1; at = pending.indexOf("\n", from)) {
      yield emit(pending.slice(from, at));
      from = at + 1;
    }
    pending = pending.slice(from);
    if (pending.length > MAX_CARD_CHARS) throw new FileProblem(`Line ${lineNo + 1} is longer than 2 MB: this is not a vCard file, or it is damaged.`);
    if (final && pending !== "") {
      yield emit(pending);
      pending = "";
    }
  };
  try {
    for await (const chunk of source) {
      pending += decoder.decode(chunk as Buffer, { stream: true });
      yield* split(false);
    }
    pending += decoder.decode();
  } catch (error) {
    if (error instanceof FileProblem) throw error;
    // (TextDecoder's TypeError can come from another realm, so its code is checked too.)
    if (error instanceof TypeError || (error as { code?: string }).code === "ERR_ENCODING_INVALID_ENCODED_DATA") throw new FileProblem("Part of the file is not UTF-8 text. Export the contacts again as vCard (UTF-8) and upload that.");
    throw error;
  }
  yield* split(true);
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

/** A property line's name, parameters and value, and whether the value is quoted-printable (with its CHARSET); null without a colon. */
function propertyParts(line: string): { name: string; params: string[]; value: string; quotedPrintable: boolean; charset: string } | null {
  const colon = valueStart(line);
  if (colon < 0) return null;
  const [name, ...raw] = line.slice(0, colon).split(";");
  let quotedPrintable = false;
  let charset = "utf-8";
  const params: string[] = [];
  for (const param of raw) {
    const eq = param.indexOf("=");
    const key = (eq < 0 ? "" : param.slice(0, eq)).toUpperCase();
    const paramValue = eq < 0 ? param : param.slice(eq + 1);
    // vCard 2.1 also writes the encoding bare: "NOTE;QUOTED-PRINTABLE:…".
    if (key === "ENCODING" || (eq < 0 && /^(QUOTED-PRINTABLE|8BIT|7BIT)$/i.test(param))) quotedPrintable ||= /^QUOTED-PRINTABLE$/i.test(paramValue);
    else if (key === "CHARSET") charset = paramValue.replace(/"/g, "");
    else params.push(param);
  }
  return { name, params, value: line.slice(colon + 1), quotedPrintable, charset };
}

/**
 * One property line in a form ical.js reads: vCard 2.1's "TEL;CELL:" becomes
 * "TEL;TYPE=CELL:", and a quoted-printable value (with its CHARSET) is decoded.
 */
export function rewriteLegacy(line: string): string | null {
  if (SKIPPED.test(line)) return null;
  const parts = propertyParts(line);
  if (!parts) return line; // ical.js names the broken line
  const { name, value: raw, quotedPrintable, charset } = parts;
  // A bare 2.1 parameter is a TYPE.
  const kept = parts.params.map((p) => (p.includes("=") ? p : `TYPE=${p}`));
  let value = raw;
  if (quotedPrintable) {
    const decoded = decodeQuotedPrintable(value, charset);
    if (decoded.includes("\0")) throw new Error("a quoted-printable value holds a NUL character");
    value = escapeText(decoded);
  }
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
  // The mobile first, wherever the card lists it: slots run out after three, and a row keeps its mobile.
  phones.sort((a, b) => Number(isMobileLabel(b.type)) - Number(isMobileLabel(a.type)));
  phones.slice(0, 3).forEach((phone, i) => {
    values[COLUMN["Phone 1 type"] + 2 * i] = phone.type;
    // Several values in the last slot, as Google writes them: the import keeps the first and counts the rest as not imported.
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
