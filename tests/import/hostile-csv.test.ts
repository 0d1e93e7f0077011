import { count, eq } from "drizzle-orm";
import type { DatabaseHandle } from "@/db/client";
import { contacts, importErrors, importFiles, importJobs } from "@/db/schema";
import type { Ctx } from "@/lib/auth/actor";
import { createImport } from "@/lib/import/upload";
import { createTestDatabase } from "../support/db";
import { body, acmeAdmin, importFile } from "./support";

/*
 * Issue 13, hostile input: each of these files fails with its own reason and
 * the line a person would look at, and nothing is written.
 */

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle.close());

async function written(ctx: Ctx) {
  const where = (table: typeof contacts | typeof importErrors) => eq(table.workspaceId, ctx.workspaceId);
  const [c] = await handle.db.select({ n: count() }).from(contacts).where(where(contacts));
  const [e] = await handle.db.select({ n: count() }).from(importErrors).where(where(importErrors));
  return { contacts: c.n, errors: e.n };
}

/** A CSV of `lines` lines (the header is line 1), with the lines given in `replaced` instead of a contact. */
function csvWith(lines: number, replaced: Record<number, string>): string {
  const out = ["Name,Phone"];
  for (let line = 2; line <= lines; line++) out.push(replaced[line] ?? `Person ${line},+1 201 555 ${String(line % 10000).padStart(4, "0")}`);
  return `${out.join("\n")}\n`;
}

/** Why the file failed: at upload, at preview, or at the run. */
function failure(result: Awaited<ReturnType<typeof importFile>>): string | null | undefined {
  if (!result.upload.ok) return result.upload.message;
  return result.preview?.status === "failed" ? result.preview.error : result.run?.error;
}

describe("a NUL byte", () => {
  test("after the first 8 KB (which the upload's sniffing reads): the line and the reason, not a database error", async () => {
    const { ctx } = await acmeAdmin(handle.db);
    const csv = csvWith(1000, { 700: "Ja\u0000ne,+1 201 555 0700" });
    expect(Buffer.byteLength(csv.slice(0, csv.indexOf("\u0000")))).toBeGreaterThan(8192);
    const result = await importFile(ctx, csv);
    expect(failure(result)).toBe("Line 700 contains a NUL character (a zero byte), which text never holds: the file is damaged or not CSV. Export it again as CSV UTF-8 and upload that.");
    expect(await written(ctx)).toEqual({ contacts: 0, errors: 0 });
  });

  test("in a quoted field that spans lines: the line the field ends on, as for every row", async () => {
    const { ctx } = await acmeAdmin(handle.db);
    const result = await importFile(ctx, csvWith(1000, { 800: '"Jane\nDo\u0000e",+1 201 555 0800' }));
    expect(failure(result)).toMatch(/^Line 801 contains a NUL character/);
    expect(await written(ctx)).toEqual({ contacts: 0, errors: 0 });
  });
});

describe("an unbalanced quote", () => {
  test("on line 5,000 of 7,000 is reported on line 5,000 (where the field opens), not at the end of the file", async () => {
    const { ctx } = await acmeAdmin(handle.db);
    // An empty line before it: skipped lines still count, the number is the file's line.
    const result = await importFile(ctx, csvWith(7000, { 3000: "", 5000: '"Bad Quote,+1 201 555 5000' }));
    expect(failure(result)).toBe('Line 5000: a quoted field is never closed (a " is missing). Fix the quotes and upload again.');
    expect(await written(ctx)).toEqual({ contacts: 0, errors: 0 });
  });

  test("that makes a row pass 2 MB: the line where that row starts", async () => {
    const { ctx } = await acmeAdmin(handle.db);
    const tail = Array.from({ length: 90_000 }, (_, i) => `Person ${i},+1 201 555 ${String(i % 10000).padStart(4, "0")}`).join("\n");
    const result = await importFile(ctx, `${csvWith(100, { 50: '"Bad Quote,+1 201 555 0050' })}${tail}\n`);
    expect(failure(result)).toBe("Line 50: a row is larger than 2 MB. Check the file for a missing quote.");
    expect(await written(ctx)).toEqual({ contacts: 0, errors: 0 });
  });
});

describe("a file name with a control character", () => {
  test.each([
    ["a NUL (%00 in the upload URL)", "contacts\u0000.csv"],
    ["a line break", "contacts\r\n.csv"],
  ])("%s: refused with the reason before anything is stored", async (_label, fileName) => {
    const { ctx } = await acmeAdmin(handle.db);
    const result = await createImport(ctx, { fileName, hasHeader: true, body: body("Name,Phone\nJane,+1 201 555 0123\n") });
    expect(result).toEqual({
      ok: false,
      code: "invalid",
      message: "The file name contains a control character. Rename the file and upload it again.",
      fieldErrors: { fileName: "The file name contains a control character. Rename the file and upload it again." },
    });
    const [jobs] = await handle.db.select({ n: count() }).from(importJobs).where(eq(importJobs.workspaceId, ctx.workspaceId));
    const [files] = await handle.db.select({ n: count() }).from(importFiles).where(eq(importFiles.workspaceId, ctx.workspaceId));
    expect({ jobs: jobs.n, files: files.n }).toEqual({ jobs: 0, files: 0 });
  });
});
