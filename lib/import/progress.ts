import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { importJobs } from "@/db/schema";

export type LiveProgress = { phase: string; rowsRead: number; bytesRead: number };

// Live progress of this process's imports. Where the database has one
// connection (PGlite), the import's transaction holds it and nothing can read
// or write the job row until it ends, so this is the only progress there is;
// that database also has a single process, so it is every instance's.
const live = new Map<string, LiveProgress>();

export function liveProgress(jobId: string): LiveProgress | undefined {
  return live.get(jobId);
}

/** How often a running job proves it is alive; a job silent for 6 beats is dead. */
export const HEARTBEAT_MS = 5_000;
export const STALE_AFTER_MS = 6 * HEARTBEAT_MS;

/**
 * Reports an import's progress in this process's memory and, where another
 * connection than the import's transaction can write it (a PostgreSQL
 * server), to the job row with a heartbeat, so every instance sees it.
 */
export class ImportProgress {
  private state: LiveProgress = { phase: "reading", rowsRead: 0, bytesRead: 0 };
  private lastWrite = 0;
  private timer: NodeJS.Timeout | undefined;
  private readonly writesJobRow: boolean;

  constructor(
    private readonly db: Db,
    private readonly job: { workspaceId: string; id: string },
  ) {
    live.set(job.id, this.state);
    this.writesJobRow = !db.driver.oneConnection;
    if (this.writesJobRow) this.timer = setInterval(() => void this.write(), HEARTBEAT_MS);
  }

  update(change: Partial<LiveProgress>): void {
    Object.assign(this.state, change);
    if (this.writesJobRow && Date.now() - this.lastWrite > 500) void this.write();
  }

  async phase(phase: string): Promise<void> {
    this.state.phase = phase;
    if (this.writesJobRow) await this.write();
  }

  private async write(): Promise<void> {
    this.lastWrite = Date.now();
    await this.db
      .update(importJobs)
      .set({ phase: this.state.phase, rowsRead: this.state.rowsRead, bytesRead: this.state.bytesRead, updatedAt: new Date() })
      .where(and(eq(importJobs.workspaceId, this.job.workspaceId), eq(importJobs.id, this.job.id)))
      .catch((error: unknown) => console.error("[import] progress write failed", error));
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    live.delete(this.job.id);
  }
}
