import type { Readable } from "node:stream";
import { Parse, type Entry } from "unzipper";
import { FileProblem, holdEndUntilRead, MAX_CELL_BYTES } from "./source";

/*
 * An .xlsx file is a zip: 209 KB can unzip to a 200 MB cell (105 s and
 * 1.85 GB in exceljs, which builds every text node whole and caches shared
 * strings in memory). Before exceljs reads a workbook, its parts are inflated
 * once, as a stream, through the same zip reader exceljs uses (so this sees
 * exactly what exceljs will), counting what comes out and keeping none of it.
 */

export type WorkbookLimits = {
  /** All parts together, inflated. A 1,000,000-row contact workbook is about 400 MB. */
  unzippedBytes: number;
  /** Inflated over stored size; checked once past `ratioGraceBytes`. */
  ratio: number;
  ratioGraceBytes: number;
  /** The shared strings part, which exceljs holds in memory for the whole read. */
  sharedStringsBytes: number;
  parts: number;
  /** The longest stretch of a part's XML between two `<`: one text node or one tag. */
  markupRunBytes: number;
};

export const WORKBOOK_LIMITS: WorkbookLimits = {
  unzippedBytes: 1024 * 1024 * 1024,
  // Apache POI refuses the same (its minimum inflate ratio is 0.01); real
  // workbooks inflate 5-15 times.
  ratio: 100,
  ratioGraceBytes: 10 * 1024 * 1024,
  sharedStringsBytes: 256 * 1024 * 1024,
  parts: 10_000,
  // A cell of 1 MB (the cap a CSV row's cells share), with room for its
  // characters written as entities (&amp;); the exact cap is on the cell's
  // text, when it is read (lib/import/source.ts).
  markupRunBytes: 2 * MAX_CELL_BYTES,
};

const REFUSED_TAIL = "Check the file, or save it as CSV UTF-8, and upload it again.";
const UNREADABLE = "The .xlsx workbook could not be read. Open it in Excel, save it again as .xlsx (or CSV UTF-8), and upload that.";

/** Throws FileProblem, with the reason, if the workbook passes a limit or is not a zip that can be read. */
export async function inspectWorkbook(source: Readable, fileBytes: number, limits: WorkbookLimits = WORKBOOK_LIMITS): Promise<void> {
  const zip = Parse({ forceStream: true });
  // The same end as exceljs's reader gets (lib/import/source.ts ZipInput), so
  // both see every part.
  holdEndUntilRead(zip);
  // pipe() does not pass a failed read on; without this the loop waited for the rest forever.
  let readError: Error | undefined;
  source.once("error", (error) => zip.destroy((readError = error)));
  source.pipe(zip);
  // unzipper emits an inflate error on the archive itself, even after the
  // loop below has stopped reading it: never let that be unhandled.
  zip.on("error", () => {});
  let unzipped = 0;
  let parts = 0;
  try {
    for await (const entry of zip) {
      if (++parts > limits.parts) throw new FileProblem(`The workbook has more than ${limits.parts.toLocaleString("en-US")} parts. ${REFUSED_TAIL}`);
      const markup = /\.(xml|rels)$/i.test(entry.path);
      const sharedStrings = entry.path === "xl/sharedStrings.xml";
      let entryBytes = 0;
      let run = 0;
      for await (const chunk of entry as Entry & AsyncIterable<Buffer>) {
        unzipped += chunk.length;
        entryBytes += chunk.length;
        if (unzipped > limits.unzippedBytes) throw new FileProblem(`The workbook unzips to more than ${size(limits.unzippedBytes)}. ${REFUSED_TAIL}`);
        if (unzipped > limits.ratioGraceBytes && unzipped > limits.ratio * fileBytes) {
          throw new FileProblem(`The workbook unzips to more than ${limits.ratio} times its size, which no spreadsheet of contacts does. ${REFUSED_TAIL}`);
        }
        if (sharedStrings && entryBytes > limits.sharedStringsBytes) throw new FileProblem(`The workbook's text passes ${size(limits.sharedStringsBytes)}. ${REFUSED_TAIL}`);
        if (markup) {
          run = openRun(chunk, run, limits.markupRunBytes);
          if (run > limits.markupRunBytes) throw cellTooLarge();
        }
      }
    }
  } catch (error) {
    if (error instanceof FileProblem) throw error;
    // A failed read says nothing about the file: the caller's generic failure, not a verdict.
    if (readError) throw readError;
    throw new FileProblem(UNREADABLE);
  } finally {
    source.destroy();
    zip.destroy();
  }
}

/**
 * The stretch without a `<` still open after `chunk`, given the one open
 * before it; throws once a stretch passes `limit`. Two native searches per
 * chunk (inflate gives 16 KB): a stretch that starts and ends inside a chunk
 * is shorter than the chunk, so only a chunk larger than the limit has its
 * every `<` visited.
 */
function openRun(chunk: Buffer, open: number, limit: number): number {
  const first = chunk.indexOf(0x3c);
  if (first === -1) return open + chunk.length;
  if (open + first > limit) throw cellTooLarge();
  if (chunk.length > limit) {
    for (let at = first, next = chunk.indexOf(0x3c, at + 1); next !== -1; at = next, next = chunk.indexOf(0x3c, at + 1)) {
      if (next - at - 1 > limit) throw cellTooLarge();
    }
  }
  return chunk.length - 1 - chunk.lastIndexOf(0x3c);
}

function cellTooLarge(): FileProblem {
  return new FileProblem(`A cell in the workbook holds more than 1 MB; no contact field is that long. ${REFUSED_TAIL}`);
}

function size(bytes: number): string {
  if (bytes >= 1024 ** 3) return `${bytes / 1024 ** 3} GB`;
  return bytes >= 1024 ** 2 ? `${Math.round(bytes / 1024 ** 2)} MB` : `${Math.round(bytes / 1024)} KB`;
}
