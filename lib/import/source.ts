import { PassThrough, Readable } from "node:stream";
import { parse, type Options } from "csv-parse";
import ExcelJS from "exceljs";
import { and, asc, eq, gte } from "drizzle-orm";
import type { Db } from "@/db/client";
import { importFiles, type ImportJob } from "@/db/schema";
import { FileProblem } from "./file-problem";
import { MAX_CELL_BYTES, MAX_COLUMNS } from "./limits";
import { vcardRecords } from "./vcard";

export { MAX_CELL_BYTES, MAX_COLUMNS };

export { FileProblem };

export type ChunkReader = (fromSeq: number) => Promise<{ seq: number; data: Buffer } | null>;

/** Reads the stored upload through drizzle (any connection of the pool). */
export function chunkReader(db: Db, job: Pick<ImportJob, "workspaceId" | "id">): ChunkReader {
  return async (fromSeq) => {
    const [chunk] = await db
      .select({ seq: importFiles.seq, data: importFiles.data })
      .from(importFiles)
      .where(and(eq(importFiles.workspaceId, job.workspaceId), eq(importFiles.jobId, job.id), gte(importFiles.seq, fromSeq)))
      .orderBy(asc(importFiles.seq))
      .limit(1);
    return chunk ?? null;
  };
}

/** The stored upload as a stream of chunks, read one chunk at a time. */
export function storedFile(readChunk: ChunkReader, onBytes?: (n: number) => void): Readable {
  let next = 0;
  return new Readable({
    async read() {
      try {
        const chunk = await readChunk(next);
        if (!chunk) {
          this.push(null);
          return;
        }
        next = chunk.seq + 1;
        onBytes?.(chunk.data.length);
        // A copy: a pg binary value can be a view into the connection's receive buffer.
        this.push(Buffer.from(chunk.data));
      } catch (error) {
        this.destroy(error as Error);
      }
    },
  });
}

/** A row of the file; `problem` says why a row (a broken vCard) cannot be read at all: it fails with that reason. */
export type FileRecord = { rowNumber: number; values: string[]; problem?: string };

/** A CSV record and the line it ends on. */
type ParsedRecord = { record: string[]; lines: number };

/**
 * The file's rows as arrays of strings, streamed (CSV through csv-parse, XLSX
 * through exceljs's streaming reader, vCard card by card: lib/import/vcard.ts). Row numbers are the spreadsheet's, so
 * they match what the user sees. A file that cannot be parsed throws
 * FileProblem with the line.
 */
export async function* fileRecords(source: Readable, job: Pick<ImportJob, "format" | "delimiter">): AsyncGenerator<FileRecord> {
  if (job.format === "xlsx") {
    yield* xlsxRecords(source);
    return;
  }
  if (job.format === "vcf") {
    yield* vcardRecords(source);
    return;
  }
  // Where the parser is, kept as it parses: the loop below lags behind it by
  // the stream's buffer, and an error at the end of the file (an unclosed
  // quote) knows only the last line, not where its record began.
  const lastRecord = { lines: 0, emptyLines: 0 };
  const options: Options<ParsedRecord, string[]> = {
    delimiter: job.delimiter ?? ",",
    bom: true,
    relax_column_count: true,
    skip_empty_lines: true,
    max_record_size: MAX_CELL_BYTES * 2,
    on_record: (record, info) => {
      lastRecord.lines = info.lines;
      lastRecord.emptyLines = info.empty_lines;
      return { record, lines: info.lines };
    },
  };
  // (csv-parse's overload for a stream parser types on_record as returning the record unchanged.)
  const parser = source.pipe(parse(options as unknown as Options));
  // pipe() does not pass a source's error on: a failed read of the stored
  // file (a lost connection) left the parser waiting for the rest forever.
  source.once("error", (error) => parser.destroy(error));
  // PostgreSQL text cannot hold a NUL, so a row with one would fail the whole
  // run in the database with no line. Each chunk is searched (memchr, not a
  // look at every row); only once one has been seen are rows searched, to
  // name the line.
  let nulAhead = false;
  source.on("data", (chunk: Buffer) => {
    if (!nulAhead && chunk.indexOf(0) !== -1) nulAhead = true;
  });
  try {
    for await (const { record, lines } of parser as AsyncIterable<ParsedRecord>) {
      if (record.length > MAX_COLUMNS) throw new FileProblem(`Line ${lines} has ${record.length} columns; at most ${MAX_COLUMNS} are supported.`);
      if (nulAhead && record.some((value) => value.includes("\0"))) {
        throw new FileProblem(`Line ${lines} contains a NUL character (a zero byte), which text never holds: the file is damaged or not CSV. Export it again as CSV UTF-8 and upload that.`);
      }
      yield { rowNumber: lines, values: record };
    }
  } catch (error) {
    if (error instanceof FileProblem) throw error;
    const e = error as { code?: string; lines?: number; empty_lines?: number; message?: string };
    if (e.code === "ERR_ENCODING_INVALID_ENCODED_DATA" || /encod/i.test(e.message ?? "")) {
      throw new FileProblem("Part of the file is not UTF-8 text. Save it as “CSV UTF-8” and upload it again.");
    }
    if (e.code === "CSV_QUOTE_NOT_CLOSED" || e.code === "CSV_MAX_RECORD_SIZE") {
      // The record that never ended began on the line after the last one that
      // did, past any empty lines skipped in between.
      throw new FileProblem(csvMessage(e.code, lastRecord.lines + 1 + (e.empty_lines ?? lastRecord.emptyLines) - lastRecord.emptyLines));
    }
    if (e.code?.startsWith("CSV_")) throw new FileProblem(csvMessage(e.code, e.lines));
    throw error;
  }
}

function csvMessage(code: string, line?: number): string {
  const at = line ? `Line ${line}: ` : "";
  if (code === "CSV_QUOTE_NOT_CLOSED") return `${at}a quoted field is never closed (a " is missing). Fix the quotes and upload again.`;
  if (code === "CSV_INVALID_CLOSING_QUOTE" || code === "CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE") {
    return `${at}a quote is closed in the middle of a field. Double the quote ("") inside quoted text and upload again.`;
  }
  if (code === "CSV_MAX_RECORD_SIZE") return `${at}a row is larger than 2 MB. Check the file for a missing quote.`;
  return `${at}the file could not be read as CSV (${code}).`;
}

type SharedText = string | { richText: { text: string | null }[] } | null;
// exceljs 4.4 yields an emitted shared string bare, as { index, text }, not as an event.
type ReaderEvent = { index: number; text: SharedText } | { eventType: "worksheet"; value: AsyncIterable<ExcelJS.Row> } | { eventType: "hyperlinks"; value: unknown };

/**
 * The first worksheet's rows. Shared strings are emitted (and kept here), not
 * cached by exceljs: then exceljs holds every worksheet back (in a temporary
 * file) until the whole zip has been read, so the styles, which say that a
 * number is a date, and the workbook's date system (1900 or 1904) are known
 * whatever order the program wrote the parts in. A cell is capped as a CSV
 * row is: a workbook holding a larger one fails as a whole.
 */
async function* xlsxRecords(source: Readable): AsyncGenerator<FileRecord> {
  const input = new ZipInput();
  // As for CSV, a failed read must end the parse; it is the read's error, not the workbook's.
  let readError: Error | undefined;
  source.once("error", (error) => input.destroy((readError = error)));
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(source.pipe(input), { sharedStrings: "emit", hyperlinks: "ignore", styles: "cache", worksheets: "emit", entries: "ignore" });
  const shared: string[] = [];
  const events = reader.parse() as unknown as AsyncGenerator<ReaderEvent>;
  try {
    for (let next = await events.next(); !next.done; next = await events.next()) {
      const event = next.value;
      if ("index" in event) {
        const { text } = event;
        shared[event.index] = typeof text === "string" ? text : text ? text.richText.map((r) => r.text ?? "").join("") : "";
        continue;
      }
      if (event.eventType !== "worksheet") continue;
      try {
        for await (const row of event.value as AsyncIterable<ExcelJS.Row>) {
          if (row.cellCount > MAX_COLUMNS) throw new FileProblem(`Row ${row.number} has ${row.cellCount} columns; at most ${MAX_COLUMNS} are supported.`);
          const values: string[] = [];
          row.eachCell({ includeEmpty: true }, (cell, column) => {
            const text = cellText(cell.value, shared);
            if (text.length > MAX_CELL_BYTES / 3 && Buffer.byteLength(text) > MAX_CELL_BYTES) {
              throw new FileProblem(`Cell ${cell.address} holds more than 1 MB; no contact field is that long. Check the file and upload it again.`);
            }
            values[column - 1] = text;
          });
          for (let i = 0; i < values.length; i++) values[i] ??= "";
          if (values.some((v) => v !== "")) yield { rowNumber: row.number, values };
        }
      } finally {
        await releaseTemporaryFiles(events);
      }
      return; // the first worksheet only
    }
  } catch (error) {
    if (error instanceof FileProblem) throw error;
    if (readError) throw readError;
    throw new FileProblem("The .xlsx workbook could not be read. Open it in Excel, save it again as .xlsx (or CSV UTF-8), and upload that.");
  }
}

/**
 * exceljs deletes a worksheet's temporary file only when asked for the event
 * after that worksheet: stopping at the first one (or after the upload's
 * sample rows) left a copy of every workbook read in the temp directory until
 * the process ended. Runs its loop to the end; a further worksheet is opened
 * and closed unread (its file is deleted all the same).
 */
async function releaseTemporaryFiles(events: AsyncGenerator<ReaderEvent>): Promise<void> {
  try {
    for (let next = await events.next(); !next.done; next = await events.next()) {
      const event = next.value;
      if (!("index" in event) && event.eventType === "worksheet") {
        for await (const _row of event.value as AsyncIterable<ExcelJS.Row>) break;
      }
    }
  } catch {
    // The read is over either way; what failed was only the tidying up.
  }
}

/**
 * The stream handed to exceljs. unzipper (0.10) emits 'end' on its entries
 * as soon as its input is written, not when they have been read; exceljs
 * (4.4) stops at that 'end' while it is busy with one part, losing the parts
 * still queued behind it. With Excel's order those are the styles and shared
 * strings: about 1 read in 40 came back with every text cell empty and no
 * dates. exceljs pipes its input into that zip reader, so this input holds the
 * early 'end' back there until every entry has been read.
 */
export class ZipInput extends PassThrough {
  pipe<T extends NodeJS.WritableStream>(destination: T, options?: { end?: boolean }): T {
    holdEndUntilRead(destination as unknown as Readable);
    // exceljs pipes without passing errors on: the zip reader must fail with this input.
    this.once("error", (error) => (destination as unknown as Readable).destroy(error));
    return super.pipe(destination, options);
  }
}

/** Lets 'end' (and the 'close' unzipper emits with it) through only once the readable side has really ended, its queue drained. */
export function holdEndUntilRead(zip: Readable): void {
  const emit = zip.emit.bind(zip);
  zip.emit = (event: string | symbol, ...args: unknown[]) => ((event === "end" || event === "close") && !zip.readableEnded ? false : emit(event, ...args));
}

function cellText(value: ExcelJS.CellValue | { sharedString: number }, shared: string[]): string {
  if (value === null || value === undefined) return "";
  // exceljs turns a number whose style has a date format into a Date (in UTC, for either date system).
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? "" : value.toISOString().slice(0, 10);
  if (typeof value === "object") {
    if ("sharedString" in value) return shared[value.sharedString] ?? "";
    if ("text" in value && typeof value.text === "string") return value.text;
    if ("richText" in value) return value.richText.map((r) => r.text).join("");
    if ("result" in value) return cellText(value.result as ExcelJS.CellValue, shared);
    return "";
  }
  return String(value);
}
