import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { openDatabase, type DatabaseHandle } from "@/db/client";
import { queryRows } from "@/db/query";
import { contacts } from "@/db/schema";
import { contextFor, type Ctx } from "@/lib/auth/actor";
import { getImportJob, INTERRUPTED, runImportNow, saveImportOptions, startImport } from "@/lib/import/jobs";
import { createImport, textBody } from "@/lib/import/upload";
import { runtimeFor } from "@/lib/jobs/registry";
import { startJobs } from "@/lib/jobs/start";
import type { JobRuntime } from "@/lib/jobs/runtime";
import { createTestDatabase, TEST_JOBS } from "../support/db";
import { acmeAdmin } from "../import/support";

// `npm run worker` as its own process, killed with SIGKILL in the middle of an
// import: nothing of the import may remain, the job must end (failed: imports
// are not retried), and the same upload must import in full afterwards.

const ROOT = path.join(__dirname, "..", "..");

function worker(env: Record<string, string | undefined>): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  let output = "";
  // As `npm run worker` runs it: one node process (tsx as a loader, not its CLI, which would put a process in between).
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/worker.ts"], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function waitFor(what: string, ms: number, check: () => Promise<boolean>): Promise<void> {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`${what}: not within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

if (process.env.DATABASE_URL) {
  let handle: DatabaseHandle;
  let sender: DatabaseHandle;
  let queue: JobRuntime;
  beforeAll(async () => {
    handle = await createTestDatabase();
    // Another app instance that only queues (SB_RUN_JOBS=0): the killed worker takes the job.
    sender = await openDatabase({ url: handle.url });
    queue = await startJobs(sender, { ...TEST_JOBS, workers: false });
  });
  afterAll(async () => {
    await queue.stop();
    await sender.close();
    await handle.close();
  });

  test("kill -9 of a worker mid-import: no rows from it, the job fails, and the file imports in full when run again", async () => {
    const { ctx: ownCtx } = await acmeAdmin(handle.db);
    const ctx: Ctx = contextFor(sender.db, ownCtx.actor);
    const rows = Array.from({ length: 60_000 }, (_, n) => `Person ${n},person-${n}@example.test`);
    const upload = await createImport(ctx, { fileName: "big.csv", hasHeader: true, body: textBody(["Name,Email", ...rows].join("\n")) });
    if (!upload.ok) throw new Error(upload.message);
    expect((await saveImportOptions(ctx, upload.data.id, { mapping: ["name", "email"] })).ok).toBe(true);
    // The worker runs the preview, then the run, which is killed.
    const runner = worker({ DATABASE_URL: handle.url ?? "", SB_JOB_HEARTBEAT_SECONDS: "0.5", SB_JOB_POLL_SECONDS: "0.5", SB_JOB_CONCURRENCY: "1" });
    try {
      await waitFor("the worker's start", 60_000, async () => runner.output().includes("[worker] running jobs"));
      expect((await startImport(ctx, upload.data.id, "preview")).ok).toBe(true);
      await waitFor("the preview", 60_000, async () => (await getImportJob(ctx, upload.data.id))?.status === "previewed");
      expect((await startImport(ctx, upload.data.id, "run")).ok).toBe(true);
      await waitFor("the run's first batches", 60_000, async () => {
        const job = await getImportJob(ctx, upload.data.id);
        return job?.status === "running" && job.phase === "reading" && job.rowsRead >= 5_000;
      });
      runner.child.kill("SIGKILL");
      await runner.exited;
    } finally {
      runner.child.kill("SIGKILL");
    }
    const count = async () => (await handle.db.select({ n: sql<number>`count(*)::int` }).from(contacts).where(eq(contacts.workspaceId, ctx.workspaceId)))[0].n;
    expect(await count()).toBe(0);

    // This process's workers (the test database's queue) notice the silent run and fail it.
    await runtimeFor(handle.db).reachable();
    await waitFor("the dead run's failure", 30_000, async () => (await getImportJob(ctx, upload.data.id))?.status === "failed");
    expect(await getImportJob(ctx, upload.data.id)).toMatchObject({ status: "failed", error: INTERRUPTED });
    const states = await queryRows<{ state: string }>(handle.db, sql`SELECT state::text FROM pgboss.job WHERE name = 'import' AND data->'data'->>'mode' = 'run'`);
    expect(states).toEqual([{ state: "failed" }]);
    expect(await count()).toBe(0);

    const own = { ...ownCtx, db: handle.db };
    expect((await runImportNow(own, upload.data.id, "preview")).status).toBe("previewed");
    const done = await runImportNow(own, upload.data.id, "run");
    expect(done).toMatchObject({ status: "completed", result: expect.objectContaining({ rows: 60_000, created: 60_000 }) });
    expect(await count()).toBe(60_000);
    // The completed run's upload is gone.
    const left = await queryRows<{ n: number }>(handle.db, sql`SELECT count(*)::int AS n FROM import_files WHERE job_id = ${upload.data.id}`);
    expect(left).toEqual([{ n: 0 }]);
  }, 240_000);
} else {
  test("npm run worker refuses the embedded database (its one process runs the jobs) with one clear line", async () => {
    const env = { ...process.env };
    delete env.DATABASE_URL;
    const runner = worker(env);
    expect(await runner.exited).toBe(1);
    expect(runner.output()).toContain("[worker] DATABASE_URL is not set");
  }, 60_000);
}
