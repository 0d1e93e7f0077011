import { processRuntime } from "./registry";

/**
 * For readiness checks (/api/ready): true when this process's job queue is
 * started, or its database is reachable. False before the queue starts and
 * when it cannot reach its database.
 */
export async function jobQueueRunning(): Promise<boolean> {
  const runtime = processRuntime();
  if (!runtime) return false;
  if (runtime.started()) return true;
  return runtime.reachable().catch(() => false);
}
