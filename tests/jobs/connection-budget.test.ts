import { sql } from "drizzle-orm";
import { openDatabase, openJobDatabase, type DatabaseHandle } from "@/db/client";
import { queryRows } from "@/db/query";
import { contextFor } from "@/lib/auth/actor";
import { importStatus, saveImportOptions, startImport } from "@/lib/import/jobs";
import { createImport, textBody } from "@/lib/import/upload";
import { createTestDatabase } from "../support/db";
import { acmeAdmin } from "../import/support";

// Page requests and background jobs use separate pools; page requests run
// with statement and idle-in-transaction timeouts, jobs without the first.

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle.close());

const show = async (db: DatabaseHandle["db"], setting: string) => (await queryRows<Record<string, string>>(db, sql.raw(`SHOW ${setting}`)))[0][setting];

if (process.env.DATABASE_URL) {
  test("the web pool ends long statements and idle transactions; the job pool has no statement timeout", async () => {
    expect(await show(handle.db, "statement_timeout")).toBe("30s");
    expect(await show(handle.db, "idle_in_transaction_session_timeout")).toBe("1min");
    const jobs = openJobDatabase(handle.url!, 2);
    try {
      expect(await show(jobs.db, "statement_timeout")).toBe("0");
      expect(await show(jobs.db, "idle_in_transaction_session_timeout")).toBe("1min");
    } finally {
      await jobs.close();
    }
  });

  test("a maintenance pool (benchmark data setup) keeps the idle-transaction timeout but has no statement timeout", async () => {
    const maintenance = await openDatabase({ url: handle.url, maintenance: true });
    try {
      expect(await show(maintenance.db, "statement_timeout")).toBe("0");
      expect(await show(maintenance.db, "idle_in_transaction_session_timeout")).toBe("1min");
    } finally {
      await maintenance.close();
    }
  });

  test("DATABASE_STATEMENT_TIMEOUT_SECONDS: a web statement past it fails (57014, query_canceled)", async () => {
    process.env.DATABASE_STATEMENT_TIMEOUT_SECONDS = "1";
    const web = await openDatabase({ url: handle.url });
    try {
      await expect(web.db.execute(sql`SELECT pg_sleep(3)`)).rejects.toMatchObject({ cause: expect.objectContaining({ code: "57014" }) });
    } finally {
      delete process.env.DATABASE_STATEMENT_TIMEOUT_SECONDS;
      await web.close();
    }
  });

  test("another app instance reports a running import's progress", async () => {
    const { ctx } = await acmeAdmin(handle.db);
    const rows = Array.from({ length: 2_000 }, (_, n) => `Person ${n},p${n}@x.test`);
    const upload = await createImport(ctx, { fileName: "c.csv", hasHeader: true, body: textBody(["Name,Email", ...rows].join("\n")) });
    if (!upload.ok) throw new Error(upload.message);
    await saveImportOptions(ctx, upload.data.id, { mapping: ["name", "email"] });
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const other = await openDatabase({ url: handle.url });
    try {
      // The run pauses after its first batch of 500 rows (in this process's worker).
      expect((await startImport(ctx, upload.data.id, "preview", { batchRows: 500, afterBatch: () => gate })).ok).toBe(true);
      const elsewhere = contextFor(other.db, ctx.actor);
      const end = Date.now() + 30_000;
      let seen = await importStatus(elsewhere, upload.data.id);
      while (!(seen && seen.rowsRead > 0) && Date.now() < end) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        seen = await importStatus(elsewhere, upload.data.id);
      }
      expect(seen).toMatchObject({ status: "previewing", phase: "reading", rowsRead: 500 });
    } finally {
      release();
      await other.close();
    }
  });
} else {
  test("PGlite: no statement timeout (an import's transaction shares its one connection with page requests)", async () => {
    expect(await show(handle.db, "statement_timeout")).toBe("0");
  });
}
