import { sql } from "drizzle-orm";
import type { DatabaseHandle } from "@/db/client";
import type { Ctx } from "@/lib/auth/actor";
import { listContacts } from "@/lib/contacts/list";
import { parseContactQuery } from "@/lib/contacts/query";
import { getImportJob, importStatus, saveImportOptions, startImport } from "@/lib/import/jobs";
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

/** A file of `rows` distinct contacts plus one repeated row and one without a name or reach. */
function file(tag: string, rows: number): string {
  const lines = Array.from({ length: rows }, (_, n) => `Person ${tag} ${n},${tag}-${n}@example.test`);
  return ["Name,Email", ...lines, `Person ${tag} 0,${tag}-0@example.test`, ","].join("\n");
}

test("20 imports started at once in 4 workspaces: the contacts query answers throughout and every import ends with its counts", async () => {
  const workspaces = await Promise.all([0, 1, 2, 3].map(() => acmeAdmin(handle.db)));
  const imports: { ctx: Ctx; id: string }[] = [];
  for (const [w, { ctx }] of workspaces.entries()) {
    for (let i = 0; i < 5; i++) {
      const upload = await createImport(ctx, { fileName: `w${w}-${i}.csv`, hasHeader: true, body: textBody(file(`w${w}i${i}`, 1_500)) });
      if (!upload.ok) throw new Error(upload.message);
      expect((await saveImportOptions(ctx, upload.data.id, { mapping: ["name", "email"] })).ok).toBe(true);
      imports.push({ ctx, id: upload.data.id });
    }
  }
  // Meanwhile, a page request every 200 ms; each must answer within 5 s.
  let watching = true;
  const answers: number[] = [];
  const watcher = (async () => {
    while (watching) {
      const started = Date.now();
      await within(5_000, "the contacts query", listContacts(workspaces[0].ctx, parseContactQuery({})));
      answers.push(Date.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  })();
  try {
    for (const mode of ["preview", "run"] as const) {
      const started = await Promise.all(imports.map(({ ctx, id }) => startImport(ctx, id, mode)));
      expect(started.map((s) => s.ok)).toEqual(imports.map(() => true));
      const done = mode === "preview" ? "previewed" : "completed";
      const statuses = await within(240_000, `the ${mode}s`, Promise.all(imports.map(({ ctx, id }) => settled(ctx, id, [done, "failed"]))));
      expect(statuses).toEqual(imports.map(() => done));
    }
  } finally {
    watching = false;
    await watcher;
  }
  expect(answers.length).toBeGreaterThan(0);
  for (const { ctx, id } of imports) {
    const job = await getImportJob(ctx, id);
    expect(job?.result).toMatchObject({ rows: 1_502, created: 1_500, skippedInFile: 1, failed: 1 });
  }
  for (const { ctx } of workspaces) {
    const page = await listContacts(ctx, parseContactQuery({}));
    expect(page.total).toBe(5 * 1_500);
  }
}, 300_000);

// On PGlite no query answers while an import's transaction holds its one
// connection, so a queued import's status is read between imports only:
// this test needs the PostgreSQL server (the order itself is tested on both
// drivers in tests/jobs/queue.test.ts).
if (process.env.DATABASE_URL) {
  test("a workspace's imports run one at a time, in order; the queued ones say how many are ahead", async () => {
    const { ctx } = await acmeAdmin(handle.db);
    const ids = await uploads(ctx, 3);
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    // The first holds its run open after its first batch, so the others are certainly waiting.
    expect((await startImport(ctx, ids[0], "preview", { afterBatch: () => gate, batchRows: 500 })).ok).toBe(true);
    await within(30_000, "the first preview's start", waitFor(async () => (await importStatus(ctx, ids[0]))?.phase === "reading"));
    try {
      for (const id of ids.slice(1)) expect((await startImport(ctx, id, "preview")).ok).toBe(true);
      expect(await importStatus(ctx, ids[1])).toMatchObject({ status: "previewing", phase: "queued", ahead: 1 });
      expect(await importStatus(ctx, ids[2])).toMatchObject({ status: "previewing", phase: "queued", ahead: 2 });
      // Still queued a moment later: the first holds the workspace's one slot.
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      expect(await importStatus(ctx, ids[1])).toMatchObject({ phase: "queued", ahead: 1 });
    } finally {
      release();
    }
    const statuses = await within(60_000, "the previews", Promise.all(ids.map((id) => settled(ctx, id, ["previewed", "failed"]))));
    expect(statuses).toEqual(["previewed", "previewed", "previewed"]);
  }, 90_000);
}

async function waitFor(check: () => Promise<boolean>): Promise<void> {
  while (!(await check())) await new Promise((resolve) => setTimeout(resolve, 50));
}

if (process.env.DATABASE_URL) {
  test("a run the queue gave up (its heartbeat taken for dead) rolls back instead of committing", async () => {
    const { ctx } = await acmeAdmin(handle.db);
    const [id] = await uploads(ctx, 1);
    expect((await startImport(ctx, id, "preview")).ok).toBe(true);
    await within(60_000, "the preview", settled(ctx, id, ["previewed", "failed"]));
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const log = jest.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      expect((await startImport(ctx, id, "run", { afterBatch: () => gate })).ok).toBe(true);
      await within(30_000, "the run's first batch", waitFor(async () => ((await getImportJob(ctx, id))?.rowsRead ?? 0) > 0));
      // What the reaper does when it takes the run for dead: its job_runs row goes.
      await handle.db.execute(sql`DELETE FROM job_runs`);
      release();
      expect(await within(60_000, "the run", settled(ctx, id, ["completed", "failed"]))).toBe("failed");
    } finally {
      release();
      log.mockRestore();
    }
    expect((await listContacts(ctx, parseContactQuery({}))).total).toBe(0);
  }, 120_000);
}

// (PostgreSQL server only: on PGlite the save would wait for the preview's transaction to end.)
if (process.env.DATABASE_URL) {
  test("options cannot change while a preview is queued or running (it would queue a second one)", async () => {
    const { ctx } = await acmeAdmin(handle.db);
    const [id] = await uploads(ctx, 1);
    expect((await startImport(ctx, id, "preview")).ok).toBe(true);
    expect(await saveImportOptions(ctx, id, { mapping: ["name", "email"] })).toMatchObject({ ok: false, message: expect.stringContaining("A preview of this import is running") });
    expect(await within(60_000, "the preview", settled(ctx, id, ["previewed", "failed"]))).toBe("previewed");
    expect((await saveImportOptions(ctx, id, { mapping: ["name", "email"] })).ok).toBe(true);
  });
}
