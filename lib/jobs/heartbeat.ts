import { inArray, lt, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import type { RawTx } from "@/db/driver";
import { jobRuns } from "@/db/schema";

/** A run whose worker has not beaten for this many beats is taken for dead. */
export const SILENT_BEATS = 6;

/**
 * This process's running jobs, each with a row in job_runs whose beat_at its
 * timer refreshes (one statement per beat for all of them), so any instance
 * can tell when the worker running a job died.
 */
export class Heartbeat {
  private readonly running = new Set<string>();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly db: Db,
    private readonly worker: string,
    beatMs: number,
  ) {
    this.timer = setInterval(() => void this.beat(), beatMs);
    this.timer.unref();
  }

  async begin(jobId: string, queue: string): Promise<void> {
    this.running.add(jobId);
    await this.db
      .insert(jobRuns)
      .values({ jobId, queue, worker: this.worker })
      .onConflictDoUpdate({ target: jobRuns.jobId, set: { worker: this.worker, startedAt: sql`now()`, beatAt: sql`now()` } });
  }

  /**
   * Stops beating for a run whose handler returned. Its row stays until it
   * looks silent and the reaper finds the job no longer active: deleted here,
   * a run still waiting for pg-boss to mark it completed would look to the
   * reaper like one whose worker died before its first beat (see unbeaten in
   * lib/jobs/pg-boss-runtime.ts).
   */
  end(jobId: string): void {
    this.running.delete(jobId);
  }

  private async beat(): Promise<void> {
    if (this.running.size === 0) return;
    await this.db
      .update(jobRuns)
      .set({ beatAt: sql`now()` })
      .where(inArray(jobRuns.jobId, [...this.running]))
      .catch((error: unknown) => console.error("[jobs] heartbeat failed:", (error as Error).message));
  }

  stop(): void {
    clearInterval(this.timer);
  }
}

/**
 * Inside a run's own transaction: its job_runs row, locked against the
 * reaper's DELETE (FOR KEY SHARE lets the beats' UPDATE through) until the
 * transaction ends; false when the reaper took it already.
 */
export async function holdRun(tx: RawTx, jobId: string): Promise<boolean> {
  const rows = await tx.query("SELECT 1 FROM job_runs WHERE job_id = $1 FOR KEY SHARE", [jobId]);
  return rows.length === 1;
}

/**
 * Runs whose worker stopped beating, removed from job_runs as they are
 * returned: when several instances look at once, each such run goes to one.
 */
export async function takeSilentRuns(db: Db, silentMs: number): Promise<{ jobId: string; queue: string }[]> {
  return db
    .delete(jobRuns)
    .where(lt(jobRuns.beatAt, sql`now() - ${`${Math.round(silentMs)} milliseconds`}::interval`))
    .returning({ jobId: jobRuns.jobId, queue: jobRuns.queue });
}
