import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { importFiles, importJobs, type ImportJob } from "@/db/schema";
import { resolveActor } from "@/lib/auth/actor";
import { defineJob } from "@/lib/jobs/define";
import { executeImport, type ImportHooks } from "./execute";
import type { ImportOptions } from "./options";
import { FileProblem } from "./source";

export type ImportMode = "preview" | "run";
export type ImportJobData = { workspaceId: string; importJobId: string; mode: ImportMode; userId: string };

export const INTERRUPTED = "The server stopped during this import. Nothing was imported; run it again.";
export const QUEUED = "queued";
const FAILED = "The import failed and nothing was imported. Try again, or check the file.";

// Test seams (see ImportHooks), handed to a run in this process by startImport.
const hooksByJob = new Map<string, ImportHooks>();
export function setImportHooks(importJobId: string, hooks: ImportHooks): void {
  hooksByJob.set(importJobId, hooks);
}

/**
 * A preview (dry run) or the real run of one import, on the job queue: one
 * at a time per workspace (each locks the workspace row for its whole run, so
 * a second would only wait for the lock while holding a connection), on the
 * jobs' own pool. Not retried: a run that died left nothing behind (one
 * transaction) and is run again by its user, as the page says.
 */
export const importJob = defineJob<ImportJobData>({
  name: "import",
  onePerWorkspace: true,
  retries: 0,
  // The largest upload (50 MB) imports in minutes; a run past this is stuck.
  timeoutSeconds: 2 * 60 * 60,
  async run(data, job) {
    const scope = and(eq(importJobs.workspaceId, data.workspaceId), eq(importJobs.id, data.importJobId));
    const hooks = hooksByJob.get(data.importJobId);
    hooksByJob.delete(data.importJobId);
    // Leaves the queue: only a row still waiting is started (a restart may have failed it meanwhile).
    const [row] = await job.db
      .update(importJobs)
      .set({ phase: "reading", updatedAt: new Date() })
      .where(and(scope, eq(importJobs.phase, QUEUED), inArray(importJobs.status, ["previewing", "running"] as ImportJob["status"][])))
      .returning();
    if (!row) return;
    const actor = await resolveActor(job.db, data.userId, data.workspaceId);
    if (!actor || actor.workspace.id !== data.workspaceId) {
      await finish(job.db, row, { status: "failed", error: "The person who started this import is no longer a member of the workspace.", phase: null, finishedAt: new Date() });
      return;
    }
    try {
      const summary = await executeImport({
        db: job.db,
        job: row,
        actor,
        options: row.options as ImportOptions,
        dryRun: data.mode === "preview",
        hooks,
        beforeCommit: (tx) => job.stillRunning(tx),
      });
      await finish(
        job.db,
        row,
        data.mode === "preview"
          ? { status: "previewed", preview: summary, phase: "done" }
          : { status: "completed", result: summary, phase: "done", finishedAt: new Date() },
      );
    } catch (error) {
      const known = error instanceof FileProblem;
      if (!known) console.error("[import] failed", { jobId: row.id, error });
      await finish(job.db, row, { status: "failed", error: known ? error.message : FAILED, phase: null, finishedAt: new Date() });
    }
  },
  async abandoned(data, job) {
    await job.db
      .update(importJobs)
      .set({ status: "failed", error: INTERRUPTED, phase: null, finishedAt: new Date(), updatedAt: new Date() })
      .where(and(eq(importJobs.workspaceId, data.workspaceId), eq(importJobs.id, data.importJobId), inArray(importJobs.status, ["previewing", "running"] as ImportJob["status"][])));
  },
});

type Outcome = Partial<Pick<ImportJob, "preview" | "result" | "error" | "phase" | "finishedAt">> & { status: ImportJob["status"] };

/**
 * The job row's end, and the end of the uploaded file (raw personal data)
 * once nothing can need it: after the real run, and after a failure the file
 * itself caused (running it again cannot help). A preview keeps it for the
 * run; a run that failed for another reason keeps it so it can run again,
 * until the retention job deletes uploads left behind (lib/import/retention.ts).
 */
async function finish(db: Db, row: ImportJob, outcome: Outcome): Promise<void> {
  const scope = and(eq(importJobs.workspaceId, row.workspaceId), eq(importJobs.id, row.id));
  await db.update(importJobs).set({ ...outcome, updatedAt: new Date() }).where(scope);
  const fileProblem = outcome.status === "failed" && outcome.error !== FAILED;
  if (outcome.status === "completed" || fileProblem) await deleteUpload(db, row);
}

export async function deleteUpload(db: Db, row: Pick<ImportJob, "workspaceId" | "id">): Promise<void> {
  await db.delete(importFiles).where(and(eq(importFiles.workspaceId, row.workspaceId), eq(importFiles.jobId, row.id)));
}
