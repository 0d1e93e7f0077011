import type { JobDefinition } from "./define";

export type EnqueueOptions = {
  /** The workspace the job works on: its concurrency key. Null for a job over every workspace. */
  workspaceId: string | null;
  /** Higher runs first among waiting jobs; default 0. */
  priority?: number;
};

/**
 * A running job queue for one database: pg-boss on a PostgreSQL server
 * (lib/jobs/pg-boss-runtime.ts), or the in-process runner on PGlite
 * (lib/jobs/in-process-runtime.ts). The rest of the code sees only this.
 */
export type JobRuntime = {
  /** True once started (and until stopped). */
  started(): boolean;
  /** True when the queue's database answers. */
  reachable(): Promise<boolean>;
  /** Queues one run; returns the queue's id for it. */
  enqueue<T extends object>(definition: JobDefinition<T>, data: T, options: EnqueueOptions): Promise<string>;
  /** Stops taking jobs, waits up to `graceMs` for running ones, then closes its connections. */
  stop(graceMs?: number): Promise<void>;
};

export type RuntimeOptions = {
  /** Run jobs in this process (false: only queue them, for another process's workers). */
  workers: boolean;
  /** Jobs this process runs at once, over all queues. */
  concurrency: number;
  /** How often a running job's worker beats, and how long a silent one lives (6 beats). */
  heartbeatMs: number;
  /** How often an idle worker asks the queue for a job. */
  pollSeconds: number;
};

/** The options from the environment (README, "Background jobs"). */
export function runtimeOptionsFromEnv(env = process.env): RuntimeOptions {
  const number = (name: string, fallback: number, min: number) => {
    const raw = env[name];
    if (raw === undefined || raw === "") return fallback;
    const value = Number(raw);
    if (!Number.isFinite(value) || value < min) throw new Error(`${name} must be a number of at least ${min}, not "${raw}"`);
    return value;
  };
  return {
    workers: !["0", "false", "no", "off"].includes((env.SB_RUN_JOBS ?? "1").toLowerCase()),
    concurrency: Math.floor(number("SB_JOB_CONCURRENCY", 2, 1)),
    heartbeatMs: number("SB_JOB_HEARTBEAT_SECONDS", 5, 0.2) * 1000,
    pollSeconds: number("SB_JOB_POLL_SECONDS", 2, 0.5),
  };
}
