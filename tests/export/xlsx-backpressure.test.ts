import { PassThrough } from "node:stream";
import ExcelJS from "exceljs";
import { SHEET_BACKLOG_LIMIT, sheetBacklog, sheetPipes, writeSheetRows } from "@/lib/export/xlsx-backpressure";

// The streaming XLSX writer must not let sheet XML pile up when the reader is
// slower than the rows come: exceljs writes committed rows into the zip
// entry's input without backpressure (a 1,000,000-row export once grew the
// server by 775 MB). Rows here are about 150 bytes of XML each.

const ROWS = 30_000;

function workbookTo(out: PassThrough) {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: true });
  const sheet = workbook.addWorksheet("Contacts");
  sheet.columns = [{ header: "Name", key: "name" }, { header: "Phone", key: "phone" }, { header: "Company", key: "company" }];
  return { workbook, sheet };
}

function row(i: number): string[] {
  return [`Person number ${i} with a longer name`, `+1 201 555 ${String(i % 10_000).padStart(4, "0")}`, `Company ${i} Holdings and Partners`];
}

test("with a slow reader the sheet's backlog stays under the limit, and the workbook is complete", async () => {
  const out = new PassThrough();
  const { workbook, sheet } = workbookTo(out);
  expect(sheetPipes(sheet)).toHaveLength(1); // exceljs's internals as this relies on them

  // A reader that takes 64 KB, then pauses 5 ms.
  const chunks: Buffer[] = [];
  let taken = 0;
  out.on("data", (chunk: Buffer) => {
    chunks.push(chunk);
    taken += chunk.length;
    if (taken > 64 * 1024) {
      taken = 0;
      out.pause();
      setTimeout(() => out.resume(), 5);
    }
  });
  const ended = new Promise((resolve) => out.on("end", resolve));

  let maxBacklog = 0;
  async function* rows() {
    for (let i = 0; i < ROWS; i++) {
      maxBacklog = Math.max(maxBacklog, sheetBacklog(sheet));
      yield row(i);
    }
  }
  let written = 0;
  await writeSheetRows(sheet, out, rows(), { onRow: () => written++ });
  sheet.commit();
  await workbook.commit();
  await ended;

  expect(written).toBe(ROWS);
  // It did have to wait (the rows are several MB of XML), and never let more than the limit (plus one write) pile up.
  expect(maxBacklog).toBeGreaterThan(SHEET_BACKLOG_LIMIT / 2);
  expect(maxBacklog).toBeLessThan(SHEET_BACKLOG_LIMIT + 64 * 1024);

  const read = new ExcelJS.Workbook();
  await read.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
  const readSheet = read.getWorksheet("Contacts")!;
  expect(readSheet.rowCount).toBe(ROWS + 1);
  expect(readSheet.getRow(ROWS + 1).values).toEqual([undefined, ...row(ROWS - 1)]);
});

test("aborting while it waits for a reader that never reads ends the writer", async () => {
  const out = new PassThrough(); // nobody reads it
  const { sheet } = workbookTo(out);
  const abort = new AbortController();
  let written = 0;
  async function* rows() {
    for (let i = 0; i < ROWS; i++) yield row(i);
  }
  const writing = writeSheetRows(sheet, out, rows(), { signal: abort.signal, onRow: () => written++ });
  await new Promise((resolve) => setTimeout(resolve, 200));
  const stuckAt = written;
  expect(stuckAt).toBeLessThan(ROWS); // waiting, not piling up
  abort.abort();
  await expect(writing).rejects.toMatchObject({ name: "AbortError" });
  expect(written).toBe(stuckAt);
});
