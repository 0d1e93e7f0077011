import { and, eq } from "drizzle-orm";
import type { DatabaseHandle } from "@/db/client";
import { importJobs } from "@/db/schema";

export type LiveProgress = { phase: string; rowsRead: number; bytesRead: number };

// PGlite is one connection: while an import's transaction runs, nothing else
// can read the job row, so the embedded server keeps live progress here
// (it is a single process, so this is every instance there is).
const live = new Map<string, LiveProgress>();

export function liveProgress(jobId: string): LiveProgress | undefined {
  return live.get(jobId);
}

/** How often a running job proves it is alive; a job silent for 6 beats is dead. */
export const HEARTBEAT_MS = 5_000;
export const STALE_AFTER_MS = 6 * HEARTBEAT_MS;

/**
 * Reports an import's progress: on a PostgreSQL server to the job row (from
 * another connection than the import's transaction, so every instance sees it),
 * with a heartbeat; on PGlite in this process's memory.
 */
export class ImportProgress {
  private state: LiveProgress = { phase: "reading", rowsRead: 0, bytesRead: 0 };
  private lastWrite = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly handle: DatabaseHandle,
    private readonly job: { workspaceId: string; id: string },
  ) {
    live.set(job.id, this.state);
    if (handle.driver === "pg") this.timer = setInterval(() => void this.write(), HEARTBEAT_MS);
  }

  update(change: Partial<LiveProgress>): void {
    Object.assign(this.state, change);
    if (this.handle.driver === "pg" && Date.now() - this.lastWrite > 500) void this.write();
  }

  async phase(phase: string): Promise<void> {
    this.state.phase = phase;
    if (this.handle.driver === "pg") await this.write();
  }

  private async write(): Promise<void> {
    this.lastWrite = Date.now();
    await this.handle.db
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
