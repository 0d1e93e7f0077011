import os from "node:os";
import PgBoss from "pg-boss";
import { openJobDatabase, type DatabaseHandle } from "@/db/client";
import type { JobContext, JobDefinition, JobSchedule } from "./define";
import { Heartbeat, holdRun, SILENT_BEATS, takeSilentRuns } from "./heartbeat";
import type { JobRuntime, RuntimeOptions } from "./runtime";

/** What a queued job carries: its workspace (the concurrency key) and the definition's data. */
type Payload = { workspaceId: string | null; data: object };

const CRON: Record<JobSchedule, string> = { hourly: "7 * * * *", daily: "17 3 * * *" };

/**
 * The queue on a PostgreSQL server: pg-boss 10 (its own schema, pgboss,
 * which it creates and migrates itself). Jobs run on a pool of their own
 * (SB_JOB_POOL_SIZE, default two connections per concurrent job plus two:
 * an import's transaction, its file reads and progress writes), beside the
 * web pool, so no number of jobs can take a page request's connection.
 */
export async function startPgBossRuntime(url: string, catalog: JobDefinition[], options: RuntimeOptions): Promise<JobRuntime> {
  const jobs = openJobDatabase(url, Number(process.env.SB_JOB_POOL_SIZE ?? 2 * options.concurrency + 2));
  const boss = new PgBoss({
    connectionString: url,
    // Polling, sending and maintenance only: the jobs' work has its own pool.
    max: 3,
    application_name: "switchboard-jobs",
    // Maintenance (expiry, archiving) and cron run where workers run.
    supervise: options.workers,
    schedule: options.workers,
  });
  boss.on("error", (error) => console.error("[jobs] queue error:", error.message));
  try {
    await boss.start();
    await ensureQueues(boss, jobs, catalog);
  } catch (error) {
    await boss.stop({ graceful: false }).catch(() => undefined);
    await jobs.close();
    throw error;
  }

  const byName = new Map(catalog.map((d) => [d.name, d]));
  const workerIds = new Map<string, string[]>();
  let started = true;
  let heartbeat: Heartbeat | undefined;
  let reaper: NodeJS.Timeout | undefined;

  const context = (job: PgBoss.Job<Payload>): JobContext => ({
    db: jobs.db,
    jobId: job.id,
    workspaceId: job.data.workspaceId,
    async stillRunning(tx) {
      if (!(await holdRun(tx, job.id))) throw new Error(`${job.name} ${job.id}: given up by the queue (its heartbeat was taken for dead)`);
    },
  });

  if (options.workers) {
    const beat = new Heartbeat(jobs.db, `${os.hostname()}:${process.pid}`, options.heartbeatMs);
    heartbeat = beat;
    for (const definition of catalog) {
      const ids: string[] = [];
      // pg-boss 10 runs one job at a time per work(): as many workers as runs at once.
      for (let i = 0; i < Math.min(definition.concurrency ?? options.concurrency, options.concurrency); i++) {
        const id = await boss.work<Payload>(definition.name, { batchSize: 1, pollingIntervalSeconds: options.pollSeconds }, async ([job]) => {
          await beat.begin(job.id, definition.name);
          try {
            await definition.run(job.data.data, context(job));
          } finally {
            beat.end(job.id);
          }
        });
        ids.push(id);
      }
      workerIds.set(definition.name, ids);
      if (definition.schedule) await boss.schedule(definition.name, CRON[definition.schedule], { workspaceId: null, data: {} } satisfies Payload, { tz: "UTC" });
    }
    const silentMs = options.heartbeatMs * SILENT_BEATS;
    const reap = async () => {
      const silent = [...(await takeSilentRuns(jobs.db, silentMs)), ...(await unbeaten(boss, [...byName.keys()], silentMs))];
      for (const run of silent) {
        const definition = byName.get(run.queue);
        if (!definition) continue;
        const job = await boss.getJobById<Payload>(run.queue, run.jobId);
        if (!job || job.state !== "active") continue;
        // fail() retries the job while it has retries left.
        await boss.fail(run.queue, run.jobId, { message: "The worker running this job stopped." });
        const after = await boss.getJobById<Payload>(run.queue, run.jobId);
        console.warn(`[jobs] ${run.queue} ${run.jobId}: its worker stopped; ${after?.state === "retry" ? "retrying" : "failed"}`);
        if (after?.state === "failed") await definition.abandoned?.(job.data.data, context(job));
      }
    };
    reaper = setInterval(() => void reap().catch((error: unknown) => console.error("[jobs] reaper failed:", (error as Error).message)), options.heartbeatMs * 2);
    reaper.unref();
  }

  return {
    started: () => started,
    async reachable() {
      await boss.getDb().executeSql("SELECT 1", []);
      return true;
    },
    async enqueue(definition, data, { workspaceId, priority }) {
      const singletonKey = definition.onePerWorkspace && workspaceId ? workspaceId : undefined;
      const sendOptions: PgBoss.SendOptions = { retryLimit: definition.retries, expireInSeconds: definition.timeoutSeconds };
      if (singletonKey) sendOptions.singletonKey = singletonKey;
      // (pg-boss refuses a priority key that is present but undefined.)
      const rank = priority ?? (singletonKey ? -(await waitingOrActive(boss, definition.name, singletonKey)) : undefined);
      if (rank !== undefined) sendOptions.priority = rank;
      const id = await boss.send(definition.name, { workspaceId, data } satisfies Payload, sendOptions);
      if (!id) throw new Error(`the queue refused a ${definition.name} job`);
      // Wake this process's idle workers now rather than at their next poll.
      for (const worker of workerIds.get(definition.name) ?? []) boss.notifyWorker(worker);
      return id;
    },
    async stop(graceMs = 10_000) {
      if (!started) return;
      started = false;
      if (reaper) clearInterval(reaper);
      heartbeat?.stop();
      // Running jobs get graceMs to finish; pg-boss then fails what is left.
      await boss.stop({ graceful: true, wait: true, timeout: graceMs });
      await jobs.close();
    },
  };
}

/**
 * Active jobs that never got a job_runs row: their worker died between
 * taking the job and its first beat. Without this, such a job would hold its
 * workspace's turn until pg-boss expires it.
 */
async function unbeaten(boss: PgBoss, queues: string[], silentMs: number): Promise<{ jobId: string; queue: string }[]> {
  const { rows } = await boss.getDb().executeSql(
    `SELECT j.id AS "jobId", j.name AS queue FROM pgboss.job j
     WHERE j.name = ANY($1::text[]) AND j.state = 'active' AND j.started_on < now() - $2::int * interval '1 millisecond'
       AND NOT EXISTS (SELECT 1 FROM public.job_runs r WHERE r.job_id = j.id)`,
    [queues, Math.round(silentMs)],
  );
  return rows as { jobId: string; queue: string }[];
}

/**
 * How many jobs of a workspace's one-at-a-time queue are waiting or running.
 * pg-boss 10 fetches the oldest waiting job; when its key already has an
 * active job, the whole fetch fails (pg-boss swallows the unique violation)
 * and nothing is fetched, so one workspace's second job would hold up every
 * other workspace's. Queued at minus this count as priority, a workspace's
 * later jobs go behind other workspaces' first ones, and the queue is held
 * up for at most the run of the job ahead.
 */
async function waitingOrActive(boss: PgBoss, queue: string, key: string): Promise<number> {
  const { rows } = await boss.getDb().executeSql(`SELECT count(*)::int AS n FROM pgboss.job WHERE name = $1 AND singleton_key = $2 AND state < 'completed'`, [queue, key]);
  return (rows[0] as { n: number }).n;
}

// An arbitrary constant (beside db/migrate.ts's): instances that start at
// once take turns creating the queues.
const QUEUES_LOCK = 7_401_312;

/**
 * Creates the queues, or brings their settings up to date, one instance at a
 * time: two instances creating the same queue at once deadlock in pg-boss's
 * create_queue (seen with two `next start` workers on a fresh database).
 */
async function ensureQueues(boss: PgBoss, jobs: DatabaseHandle, catalog: JobDefinition[]): Promise<void> {
  if (jobs.raw.kind !== "pg") throw new Error("pg-boss needs a PostgreSQL server");
  const client = await jobs.raw.pool.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [QUEUES_LOCK]);
    for (const definition of catalog) await ensureQueue(boss, definition);
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [QUEUES_LOCK]).catch(() => undefined);
    client.release();
  }
}

async function ensureQueue(boss: PgBoss, definition: JobDefinition): Promise<void> {
  const queue: PgBoss.Queue = {
    name: definition.name,
    // singleton: one active job per singleton key (the workspace), any number waiting.
    policy: definition.onePerWorkspace ? "singleton" : "standard",
    retryLimit: definition.retries,
    expireInSeconds: definition.timeoutSeconds,
  };
  if (await boss.getQueue(definition.name)) await boss.updateQueue(definition.name, queue);
  else await boss.createQueue(definition.name, queue);
}
