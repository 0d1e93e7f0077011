import type { DatabaseHandle } from "@/db/client";
import type { Ctx } from "@/lib/auth/actor";
import { listContacts } from "@/lib/contacts/list";
import { parseContactQuery } from "@/lib/contacts/query";
import { getImportJob, saveImportOptions, startImport } from "@/lib/import/jobs";
import { createImport, textBody } from "@/lib/import/upload";
import { createTestDatabase } from "../support/db";
import { acmeAdmin } from "../import/support";

// Issue 13's finding: 10 imports started at once hung the whole server. Each
// running import held a pool connection inside its transaction and locked the
// workspace row, then read its file through the same pool of 10, whose other
// connections the waiting imports held.

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle.close());

/** Rejects when `work` has not answered within `ms`: a hang fails the test instead of stalling it. */
function within<T>(ms: number, what: string, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

async function uploads(ctx: Ctx, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    // Over 60 KB, so the file is several chunks and each import reads more than once.
    const rows = Array.from({ length: 3_000 }, (_, n) => `Person ${i}-${n} with a longer name,person-${i}-${n}@example.test`);
    const upload = await createImport(ctx, { fileName: `part-${i}.csv`, hasHeader: true, body: textBody(["Name,Email", ...rows].join("\n")) });
    if (!upload.ok) throw new Error(upload.message);
    const saved = await saveImportOptions(ctx, upload.data.id, { mapping: ["name", "email"] });
    if (!saved.ok) throw new Error(saved.message);
    ids.push(upload.data.id);
  }
  return ids;
}

async function settled(ctx: Ctx, id: string, done: string[]): Promise<string> {
  for (;;) {
    const job = await getImportJob(ctx, id);
    if (!job) throw new Error("job vanished");
    if (done.includes(job.status)) return job.status;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

test("10 previews started at once: the contacts page answers and every preview ends", async () => {
  const { ctx } = await acmeAdmin(handle.db);
  const ids = await uploads(ctx, 10);
  const started = await Promise.all(ids.map((id) => startImport(ctx, id, "preview")));
  expect(started.every((s) => s.ok)).toBe(true);
  const page = await within(10_000, "the contacts query", listContacts(ctx, parseContactQuery({})));
  expect(page.rows).toEqual([]);
  const statuses = await within(60_000, "the previews", Promise.all(ids.map((id) => settled(ctx, id, ["previewed", "failed"]))));
  expect(statuses).toEqual(ids.map(() => "previewed"));
}, 90_000);
