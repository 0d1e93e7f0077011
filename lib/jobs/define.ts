import type { Db } from "@/db/client";
import type { RawTx } from "@/db/driver";

/** What a job's handler receives beside its data. */
export type JobContext = {
  /** The jobs' own database: a pool apart from the web requests' on a server (see db/client.ts openJobDatabase). */
  db: Db;
  /** The queue's id for this run. */
  jobId: string;
  /** The workspace the job was queued for; null for jobs over every workspace (retention). */
  workspaceId: string | null;
  /**
   * For a job that commits its work in one transaction: call inside it, last.
   * Throws when the queue gave this run up meanwhile (its heartbeat was taken
   * for dead and the job failed or retried), so the transaction rolls back
   * instead of committing work the queue no longer expects; and holds off
   * that verdict until the commit.
   */
  stillRunning(tx: RawTx): Promise<void>;
};

export type JobSchedule = "hourly" | "daily";

/**
 * A background job: a name, a handler and how the queue treats it. Imports,
 * retention, and later merges, erasure and webhook deliveries are each one
 * of these, queued with `enqueue` (lib/jobs/enqueue.ts) and run by the
 * workers of whichever process runs them (lib/jobs/start.ts).
 */
export type JobDefinition<T extends object = object> = {
  /** The queue's name: letters, digits, dashes. */
  name: string;
  /**
   * At most one run at a time per workspace; the others wait in the queue in
   * the order they were queued (pg-boss's singleton policy keyed by workspace).
   */
  onePerWorkspace: boolean;
  /** Runs after the first that fails (throws) or whose worker died, before the job fails for good. */
  retries: number;
  /** A run still active after this long is failed (or retried) by the queue, whatever its heartbeat says. */
  timeoutSeconds: number;
  /** How many runs of this job one process works on at once (bounded further by the process's own limit). */
  concurrency?: number;
  /** Queued by the queue itself on this schedule (jobs with no workspace). */
  schedule?: JobSchedule;
  run(data: T, job: JobContext): Promise<void>;
  /**
   * Called once when a run is given up for good because its worker died (its
   * heartbeat stopped) and no retry is left, so the job can settle what it
   * tracks (an import marks its row failed). A run that throws settles itself.
   */
  abandoned?(data: T, job: JobContext): Promise<void>;
};

export function defineJob<T extends object>(definition: JobDefinition<T>): JobDefinition<T> {
  if (!/^[a-z][a-z0-9-]*$/.test(definition.name)) throw new Error(`job name "${definition.name}": lower-case letters, digits and dashes`);
  return definition;
}
