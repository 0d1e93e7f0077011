import type { EventEmitter } from "node:events";
import type { Writable } from "node:stream";
import type ExcelJS from "exceljs";

// exceljs's streaming WorkbookWriter does not pass backpressure through:
// a committed row is written into the zip entry's input (a readable-stream
// PassThrough inside archiver) whatever that input holds already, so when the
// compressor or the client is slower than the database, the sheet's XML piles
// up there. Measured: a 1,000,000-row export to a slow reader grew the server
// by 775 MB. The writer below waits on that input as well as on the output.

/** Past this many bytes of sheet XML waiting to be compressed, the writer waits. */
export const SHEET_BACKLOG_LIMIT = 1 << 20;

type SheetWriter = ReturnType<ExcelJS.stream.xlsx.WorkbookWriter["addWorksheet"]>;

type PipeTarget = EventEmitter & { _writableState?: { length?: number; needDrain?: boolean } };

/** The streams the worksheet's XML is written into (the zip entry's input), or [] if exceljs changed. */
export function sheetPipes(sheet: SheetWriter): PipeTarget[] {
  const stream = (sheet as unknown as { stream?: { pipes?: PipeTarget[] } }).stream;
  return Array.isArray(stream?.pipes) ? stream.pipes : [];
}

/** Bytes of sheet XML written but not yet taken by the compressor. */
export function sheetBacklog(sheet: SheetWriter): number {
  return sheetPipes(sheet).reduce((sum, pipe) => sum + (pipe._writableState?.length ?? 0), 0);
}

/**
 * Adds the rows to the sheet, committing each, and waits whenever the sheet's
 * backlog passes SHEET_BACKLOG_LIMIT or `out` (the workbook's output) needs
 * draining. `onRow` follows each committed row. Aborting `signal` (the client
 * went away) ends it, also while it waits: a destroyed stream never drains.
 */
export async function writeSheetRows(
  sheet: SheetWriter,
  out: Writable,
  rows: AsyncIterable<unknown[]>,
  opts: { signal?: AbortSignal; onRow?: () => void } = {},
): Promise<void> {
  const signal = opts.signal;
  for await (const row of rows) {
    if (signal?.aborted) break;
    sheet.addRow(row).commit();
    opts.onRow?.();
    for (const pipe of sheetPipes(sheet)) {
      // needDrain is set once a write found the buffer over its high-water
      // mark: 'drain' then comes when the buffer is empty again.
      if ((pipe._writableState?.length ?? 0) > SHEET_BACKLOG_LIMIT && pipe._writableState?.needDrain) await drained(pipe, signal);
    }
    if (out.writableNeedDrain) await drained(out, signal);
  }
}

/** Resolves on 'drain'; rejects when the stream closes or errors first (it never would drain) or on abort. */
function drained(stream: EventEmitter, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const cleanup = () => {
      stream.off("drain", onDrain);
      stream.off("close", onClose);
      stream.off("error", onError);
      signal?.removeEventListener("abort", onAbort);
    };
    const onDrain = () => {
      cleanup();
      resolve();
    };
    const onClose = () => {
      cleanup();
      reject(new Error("the XLSX stream closed before it drained"));
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    const onAbort = () => {
      cleanup();
      reject(signal?.reason ?? new DOMException("The export was cancelled.", "AbortError"));
    };
    if (signal?.aborted) return onAbort();
    stream.on("drain", onDrain);
    stream.on("close", onClose);
    stream.on("error", onError);
    signal?.addEventListener("abort", onAbort);
  });
}
