import { Readable } from "node:stream";
import { count, eq } from "drizzle-orm";
import type { DatabaseHandle } from "@/db/client";
import { contacts, importErrors, importFiles, importJobs } from "@/db/schema";
import type { Ctx } from "@/lib/auth/actor";
import { inspectWorkbook, WORKBOOK_LIMITS } from "@/lib/import/workbook-guard";
import { createTestDatabase } from "../support/db";
import { workbookParts, xlsxFile, zipParts, type Cell } from "../support/xlsx-parts";
import { acmeAdmin, importFile } from "./support";

/*
 * Issue 13: one 200 MB cell in a 209 KB XLSX took 105 s and 1.85 GB, and the
 * value was stored in import_errors. Scaled down here (the mechanism is the
 * same): the workbook fails as a whole, with the reason, and nothing is kept.
 */

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle.close());

async function kept(ctx: Ctx) {
  const n = async (table: typeof contacts | typeof importErrors | typeof importJobs | typeof importFiles) =>
    (await handle.db.select({ n: count() }).from(table).where(eq(table.workspaceId, ctx.workspaceId)))[0].n;
  return { contacts: await n(contacts), errors: await n(importErrors), jobs: await n(importJobs), files: await n(importFiles) };
}

const NOTHING = { contacts: 0, errors: 0, jobs: 0, files: 0 };
const HEADER: Cell[] = ["Name", "Phone", "Notes"];
const contact = (i: number, notes: Cell = "ok"): Cell[] => [`Person ${i}`, `+1 201 555 ${String(1000 + i)}`, notes];

describe("refused at upload, nothing stored", () => {
  test.each([
    ["a shared string", "x".repeat(20 * 1024 * 1024)],
    ["an inline string", { inline: "x".repeat(20 * 1024 * 1024) }],
  ] as [string, Cell][])("a 20 MB cell (%s) in a workbook of a few KB", async (_label, cell) => {
    const { ctx } = await acmeAdmin(handle.db);
    const file = xlsxFile([HEADER, contact(1, cell), contact(2)]);
    expect(file.length).toBeLessThan(100 * 1024);
    const result = await importFile(ctx, file, {}, "contacts.xlsx");
    expect(result.upload).toMatchObject({ ok: false, message: "A cell in the workbook holds more than 1 MB; no contact field is that long. Check the file, or save it as CSV UTF-8, and upload it again." });
    expect(await kept(ctx)).toEqual(NOTHING);
  });

  test("a workbook that unzips to more than 100 times its size", async () => {
    const { ctx } = await acmeAdmin(handle.db);
    // Small tags only, so no cell is large: the ratio alone refuses it.
    const parts = workbookParts([HEADER, contact(1)]);
    parts.push(["xl/theme/theme1.xml", `<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">${"<a:x/>".repeat(2_000_000)}</a:theme>`]);
    const result = await importFile(ctx, zipParts(parts), {}, "contacts.xlsx");
    expect(result.upload).toMatchObject({ ok: false, message: "The workbook unzips to more than 100 times its size, which no spreadsheet of contacts does. Check the file, or save it as CSV UTF-8, and upload it again." });
    expect(await kept(ctx)).toEqual(NOTHING);
  });

  test("a cell over 1 MB but under the markup limit, in the sample rows: refused naming the cell", async () => {
    const { ctx } = await acmeAdmin(handle.db);
    const result = await importFile(ctx, xlsxFile([HEADER, contact(1, "é".repeat(600 * 1024))]), {}, "contacts.xlsx");
    expect(result.upload).toMatchObject({ ok: false, message: "Cell C2 holds more than 1 MB; no contact field is that long. Check the file and upload it again." });
    expect(await kept(ctx)).toEqual(NOTHING);
  });
});

test("such a cell past the sample rows fails the preview as a whole; no row, and not the value, is stored", async () => {
  const { ctx } = await acmeAdmin(handle.db);
  const rows = [HEADER, ...Array.from({ length: 20 }, (_, i) => contact(i + 1, i === 14 ? "y".repeat(1024 * 1024 + 1) : "ok"))];
  const result = await importFile(ctx, xlsxFile(rows), {}, "contacts.xlsx");
  expect(result.upload.ok).toBe(true);
  expect(result.preview).toMatchObject({ status: "failed", error: "Cell C16 holds more than 1 MB; no contact field is that long. Check the file and upload it again." });
  expect(result.run).toBeUndefined();
  const { contacts: created, errors } = await kept(ctx);
  expect({ created, errors }).toEqual({ created: 0, errors: 0 });
});

describe("the other limits", () => {
  const inspect = (file: Buffer, limits: Partial<typeof WORKBOOK_LIMITS>) => inspectWorkbook(Readable.from([file]), file.length, { ...WORKBOOK_LIMITS, ...limits });
  const ordinary = xlsxFile([HEADER, ...Array.from({ length: 2000 }, (_, i) => contact(i))]);

  test("an ordinary workbook passes", async () => {
    await expect(inspect(ordinary, {})).resolves.toBeUndefined();
  });

  test("the total unzipped size (1 GB; here 64 KB)", async () => {
    await expect(inspect(ordinary, { unzippedBytes: 64 * 1024 })).rejects.toThrow("The workbook unzips to more than 64 KB.");
  });

  test("the shared strings, which exceljs keeps in memory (256 MB; here 16 KB)", async () => {
    await expect(inspect(ordinary, { sharedStringsBytes: 16 * 1024 })).rejects.toThrow("The workbook's text passes 16 KB.");
  });

  test("the number of parts", async () => {
    await expect(inspect(ordinary, { parts: 3 })).rejects.toThrow("The workbook has more than 3 parts.");
  });

  test("not a zip: could not be read", async () => {
    await expect(inspect(Buffer.concat([Buffer.from("PK\u0003\u0004"), Buffer.alloc(100, 7)]), {})).rejects.toThrow("The .xlsx workbook could not be read.");
  });
});
