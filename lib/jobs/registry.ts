import type { Db } from "@/db/client";
import type { JobRuntime } from "./runtime";

/** What readiness asks of the process's queue (lib/jobs/health.ts). */
export type RuntimeState = Pick<JobRuntime, "started" | "reachable">;

/**
 * The job runtimes started in this process, by the (web) database they serve,
 * kept on globalThis: Next.js may load lib/ in more than one bundle, and each
 * bundle must find the same queue.
 */
const store = globalThis as unknown as { __switchboardJobs?: { byDb: WeakMap<Db, JobRuntime>; process?: RuntimeState } };
const registry = (store.__switchboardJobs ??= { byDb: new WeakMap() });

export function register(db: Db, runtime: JobRuntime): void {
  registry.byDb.set(db, runtime);
}

export function unregister(db: Db, runtime: JobRuntime): void {
  if (registry.byDb.get(db) === runtime) registry.byDb.delete(db);
  if (registry.process === runtime) registry.process = undefined;
}

/** The runtime that queues jobs for `db`. */
export function runtimeFor(db: Db): JobRuntime {
  const runtime = registry.byDb.get(db);
  if (!runtime) throw new Error("The job queue is not started in this process (lib/jobs/start.ts startJobs).");
  return runtime;
}

/** Sets the queue of the app's own database (what /api/ready reports on); undefined when it stopped. */
export function setProcessRuntime(state: RuntimeState | undefined): void {
  registry.process = state;
}

export function processRuntime(): RuntimeState | undefined {
  return registry.process;
}
