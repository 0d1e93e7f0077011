/**
 * Checks the start of an upload before anything is stored: the format, an
 * encoding we can read, and the delimiter. Messages say what is wrong and how
 * to fix it.
 */
export type Sniffed = { ok: true; format: "csv" | "xlsx" | "vcf"; delimiter: string | null } | { ok: false; message: string };

const SAVE_AS_UTF8 = "Save it as “CSV UTF-8” (Excel: File → Save As → CSV UTF-8 (Comma delimited)) and upload it again.";

export function sniffUpload(fileName: string, head: Uint8Array): Sniffed {
  if (head.length === 0) return { ok: false, message: "The file is empty." };
  const isZip = head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04;
  if (isZip) {
    return /\.xlsx$/i.test(fileName) || !/\.csv$/i.test(fileName)
      ? { ok: true, format: "xlsx", delimiter: null }
      : { ok: false, message: "This .csv file is really a zip archive. Upload the .xlsx file itself, or save it as CSV UTF-8." };
  }
  if (/\.xls$/i.test(fileName) || (head[0] === 0xd0 && head[1] === 0xcf)) {
    return { ok: false, message: `This is an old Excel .xls file. Save it as .xlsx or CSV UTF-8 and upload it again.` };
  }
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) {
    return { ok: false, message: `This file is UTF-16 encoded, which we cannot read. ${SAVE_AS_UTF8}` };
  }
  if (head.subarray(0, 8192).includes(0)) {
    return { ok: false, message: "This is a binary file, not CSV text or an .xlsx workbook. Export your contacts as CSV or .xlsx and upload that." };
  }
  // Cut at the last complete line, so a multi-byte character split by the chunk is not blamed.
  const lastNewline = head.lastIndexOf(0x0a);
  const sample = lastNewline > 0 ? head.subarray(0, lastNewline) : head;
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(sample);
  } catch {
    return { ok: false, message: `This file is not UTF-8 text (it looks like Latin-1 or Windows-1252). ${SAVE_AS_UTF8}` };
  }
  const body = text.replace(/^\uFEFF/, "");
  if (/^\s*BEGIN:VCARD\r?\n/i.test(body)) return { ok: true, format: "vcf", delimiter: null };
  if (/\.vcf$/i.test(fileName)) return { ok: false, message: "This .vcf file does not start with BEGIN:VCARD, so it is not a vCard. Export the contacts again as vCard (.vcf) or CSV and upload that." };
  return { ok: true, format: "csv", delimiter: detectDelimiter(body) };
}

/** The most frequent of , ; tab on the first line, outside quotes. */
export function detectDelimiter(text: string): string {
  const counts = new Map<string, number>([[",", 0], [";", 0], ["\t", 0]]);
  let quoted = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === "\n" || char === "\r")) break;
    else if (!quoted && counts.has(char)) counts.set(char, counts.get(char)! + 1);
  }
  const [best, count] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0];
  return count > 0 ? best : ",";
}
