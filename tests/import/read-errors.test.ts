import { Readable } from "node:stream";
import { fileRecords } from "@/lib/import/source";
import { inspectWorkbook } from "@/lib/import/workbook-guard";
import { xlsxFile } from "../support/xlsx-parts";

/*
 * The stored upload is read from the database chunk by chunk; a read can
 * fail (a lost connection, a timeout). pipe() does not pass a source's error
 * on, so the parsers waited for more of the file forever and the import hung.
 */

/** The first `bytes` of `file`, then the error a failed chunk read gives. */
function failingAfter(file: Buffer, bytes: number): Readable {
  let sent = false;
  return new Readable({
    read() {
      if (!sent) {
        sent = true;
        this.push(file.subarray(0, bytes));
      } else setImmediate(() => this.destroy(new Error("connection lost")));
    },
  });
}

/** The promise, or a rejection saying it hung. */
function within<T>(promise: Promise<T>, ms = 5000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const hung = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error("hung")), ms);
  });
  return Promise.race([promise, hung]).finally(() => clearTimeout(timer));
}

async function readAll(source: Readable, format: "csv" | "xlsx") {
  const rows: string[][] = [];
  for await (const record of fileRecords(source, { format, delimiter: format === "csv" ? "," : null })) rows.push(record.values);
  return rows;
}

const csv = Buffer.from(`Name,Phone\n${Array.from({ length: 5000 }, (_, i) => `Person ${i},+1 201 555 ${String(i).padStart(4, "0")}`).join("\n")}\n`);
const workbook = xlsxFile([["Name", "Phone"], ...Array.from({ length: 2000 }, (_, i) => [`Person ${i}`, `+1 201 555 ${String(i).padStart(4, "0")}`])]);

test("CSV: the read's own error ends the parse", async () => {
  await expect(within(readAll(failingAfter(csv, 1000), "csv"))).rejects.toThrow("connection lost");
});

// Between parts and in the middle of the sheet's (the workbook is about 20 KB).
const OFFSETS = [1000, 5000, 12_000, 18_000];

test.each(OFFSETS)("XLSX, failing after %d bytes: the read's own error ends the parse (not “the workbook could not be read”)", async (bytes) => {
  expect(workbook.length).toBeGreaterThan(Math.max(...OFFSETS));
  await expect(within(readAll(failingAfter(workbook, bytes), "xlsx"))).rejects.toThrow("connection lost");
});

test.each(OFFSETS)("the workbook guard at upload, failing after %d bytes: the read's own error, not a verdict on the file", async (bytes) => {
  await expect(within(inspectWorkbook(failingAfter(workbook, bytes), workbook.length))).rejects.toThrow("connection lost");
});
