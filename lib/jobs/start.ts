import { getDatabase, type DatabaseHandle } from "@/db/client";
import { JOBS } from "./catalog";
import type { JobDefinition } from "./define";
import { startInProcessRuntime } from "./in-process-runtime";
import { startPgBossRuntime } from "./pg-boss-runtime";
import { register, setProcessRuntime, unregister } from "./registry";
import { runtimeOptionsFromEnv, type JobRuntime, type RuntimeOptions } from "./runtime";

type StartOptions = RuntimeOptions & {
  /** The jobs to run; default every job of the app. */
  catalog?: JobDefinition[];
  /** This is the app's own database (what /api/ready reports on). */
  processWide?: boolean;
};

/**
 * Starts the job queue for a database: pg-boss on a PostgreSQL server, the
 * in-process runner on PGlite. With `workers` the process also runs jobs;
 * without, it only queues them for other processes (`npm run worker`).
 */
export async function startJobs(handle: DatabaseHandle, options: StartOptions): Promise<JobRuntime> {
  const runtime = await startRuntime(handle, options);
  register(handle.db, runtime);
  if (options.processWide) setProcessRuntime(runtime);
  return {
    ...runtime,
    async stop(graceMs) {
      unregister(handle.db, runtime);
      await runtime.stop(graceMs);
    },
  };
}

function startRuntime(handle: DatabaseHandle, options: StartOptions): Promise<JobRuntime> {
  const catalog = options.catalog ?? JOBS;
  return handle.url ? startPgBossRuntime(handle.url, catalog, options) : Promise.resolve(startInProcessRuntime(handle.db, catalog, options));
}

/**
 * The queue for a database, started on its first use: for tests and
 * scripts that open databases of their own and may never queue a job.
 */
export function attachJobs(handle: DatabaseHandle, options: StartOptions): JobRuntime {
  let real: Promise<JobRuntime> | undefined;
  let isStarted = false;
  const get = () =>
    (real ??= startRuntime(handle, options).then((runtime) => {
      isStarted = true;
      return runtime;
    }));
  const lazy: JobRuntime = {
    started: () => isStarted,
    reachable: async () => (await get()).reachable(),
    enqueue: async (definition, data, enqueueOptions) => (await get()).enqueue(definition, data, enqueueOptions),
    async stop(graceMs) {
      unregister(handle.db, lazy);
      if (real) await (await real).stop(graceMs);
    },
  };
  register(handle.db, lazy);
  return lazy;
}

const store = globalThis as unknown as { __switchboardJobsStarted?: Promise<JobRuntime> };

/**
 * The app's own queue (its database from the environment), started once per
 * process: by the web server at start (workers unless SB_RUN_JOBS=0) and by
 * `npm run worker` (workers always).
 */
export function startProcessJobs(overrides: Partial<RuntimeOptions> = {}): Promise<JobRuntime> {
  store.__switchboardJobsStarted ??= (async () => {
    const handle = await getDatabase();
    const options = { ...runtimeOptionsFromEnv(), ...overrides, processWide: true };
    // The embedded database lives in this one process: no other can run its jobs.
    if (!handle.url && !options.workers) {
      console.warn("[jobs] SB_RUN_JOBS=0 is ignored with the embedded database: its one process runs the jobs.");
      options.workers = true;
    }
    return startJobs(handle, options);
  })().catch(
    (error: unknown) => {
      store.__switchboardJobsStarted = undefined;
      throw error;
    },
  );
  return store.__switchboardJobsStarted;
}
