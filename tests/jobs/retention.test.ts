import { eq, sql } from "drizzle-orm";
import type { DatabaseHandle } from "@/db/client";
import { queryRows } from "@/db/query";
import { importErrors, importFiles, importJobs } from "@/db/schema";
import { runImportNow, saveImportOptions, startImport } from "@/lib/import/jobs";
import { applyImportRetention } from "@/lib/import/retention";
import { createImport } from "@/lib/import/upload";
import { runtimeFor } from "@/lib/jobs/registry";
import { createTestDatabase } from "../support/db";
import { acmeAdmin, body, importFile } from "../import/support";

// Uploads are raw personal data: kept only while a run may need them. Error
// reports (failed rows with their values) are kept for a number of days.

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle.close());

const chunks = async (jobId: string) => (await handle.db.select().from(importFiles).where(eq(importFiles.jobId, jobId))).length;
const errorRows = async (jobId: string) => (await handle.db.select().from(importErrors).where(eq(importErrors.jobId, jobId))).length;
const FILE = "Name,Email\nAda,ada@x.test\nBob,bob@x.test\nNobody,\n";

test("the upload is kept from preview to run and deleted when the run completes", async () => {
  const { ctx } = await acmeAdmin(handle.db);
  const upload = await createImport(ctx, { fileName: "c.csv", hasHeader: true, body: body(FILE) });
  if (!upload.ok) throw new Error(upload.message);
  await saveImportOptions(ctx, upload.data.id, { mapping: ["name", "email"] });
  expect((await runImportNow(ctx, upload.data.id, "preview")).status).toBe("previewed");
  expect(await chunks(upload.data.id)).toBe(1);
  expect(await runImportNow(ctx, upload.data.id, "run")).toMatchObject({ status: "completed", result: expect.objectContaining({ created: 2, failed: 1 }) });
  expect(await chunks(upload.data.id)).toBe(0);
  // The error report stays (for its days).
  expect(await errorRows(upload.data.id)).toBe(1);
});

test("a file that cannot be read is deleted with its failure; running it again asks for a new upload", async () => {
  const { ctx } = await acmeAdmin(handle.db);
  const lines = ["Name,Email", ...Array.from({ length: 10 }, (_, i) => `P${i},p${i}@x.test`), '"Unclosed,quote@x.test'];
  const upload = await createImport(ctx, { fileName: "c.csv", hasHeader: true, body: body(lines.join("\n")) });
  if (!upload.ok) throw new Error(upload.message);
  await saveImportOptions(ctx, upload.data.id, { mapping: ["name", "email"] });
  const failed = await runImportNow(ctx, upload.data.id, "preview");
  expect(failed).toMatchObject({ status: "failed", error: expect.stringContaining("quoted field is never closed") });
  expect(await chunks(upload.data.id)).toBe(0);
  expect(await startImport(ctx, upload.data.id, "preview")).toMatchObject({ ok: false, message: "The uploaded file is no longer kept. Upload it again to import it." });
});

test("retention: error reports older than the configured days and uploads nobody uses go; the rest stays", async () => {
  const { ctx } = await acmeAdmin(handle.db);
  const old = await importFile(ctx, FILE);
  const recent = await importFile(ctx, FILE.replace(/x\.test/g, "y.test"));
  const oldId = old.upload.ok ? old.upload.data.id : "";
  const recentId = recent.upload.ok ? recent.upload.data.id : "";
  const idle = await createImport(ctx, { fileName: "idle.csv", hasHeader: true, body: body(FILE) });
  const fresh = await createImport(ctx, { fileName: "fresh.csv", hasHeader: true, body: body(FILE) });
  if (!idle.ok || !fresh.ok) throw new Error("upload failed");
  const now = new Date();
  const daysAgo = (n: number) => new Date(now.getTime() - n * 86_400_000);
  await handle.db.update(importJobs).set({ finishedAt: daysAgo(31) }).where(eq(importJobs.id, oldId));
  await handle.db.update(importJobs).set({ finishedAt: daysAgo(29) }).where(eq(importJobs.id, recentId));
  await handle.db.update(importJobs).set({ updatedAt: new Date(now.getTime() - 25 * 3_600_000) }).where(eq(importJobs.id, idle.data.id));

  expect(await applyImportRetention(handle.db, now, 30, 24)).toMatchObject({ errorRows: 1, uploadChunks: 1 });
  expect(await errorRows(oldId)).toBe(0);
  expect(await errorRows(recentId)).toBe(1);
  expect(await chunks(idle.data.id)).toBe(0);
  expect(await chunks(fresh.data.id)).toBe(1);
  // The job rows and their counts stay: only the personal data goes.
  const [row] = await handle.db.select().from(importJobs).where(eq(importJobs.id, oldId));
  expect(row.result).toMatchObject({ created: 2, failed: 1 });
});

if (process.env.DATABASE_URL) {
  test("retention runs daily on pg-boss's schedule", async () => {
    await runtimeFor(handle.db).reachable();
    const schedules = await queryRows<{ name: string; cron: string; timezone: string }>(handle.db, sql`SELECT name, cron, timezone FROM pgboss.schedule`);
    expect(schedules).toEqual([{ name: "import-retention", cron: "17 3 * * *", timezone: "UTC" }]);
  });
}
