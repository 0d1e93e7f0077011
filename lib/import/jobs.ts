import { and, eq, inArray, lt, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { importJobs, type ImportJob } from "@/db/schema";
import type { Ctx } from "@/lib/auth/actor";
import { listAttributeDefinitions } from "@/lib/attributes/definitions";
import { fail, fieldError, notFound, ok, type Result } from "@/lib/result";
import { executeImport, type ImportHooks } from "./execute";
import { IMPORT_FIELDS } from "./fields";
import { importOptionsSchema, type ImportOptions, type ImportSummary } from "./options";
import { liveProgress, STALE_AFTER_MS } from "./progress";
import { FileProblem } from "./source";

const FIELD_IDS = new Set<string>(IMPORT_FIELDS.map((f) => f.id));
const NEW_TYPES = new Set(["text", "number", "date", "boolean"]);
export const INTERRUPTED = "The server stopped during this import. Nothing was imported; run it again.";

export async function getImportJob(ctx: Pick<Ctx, "db" | "workspaceId">, id: string): Promise<ImportJob | null> {
  const [job] = await ctx.db.select().from(importJobs).where(and(eq(importJobs.workspaceId, ctx.workspaceId), eq(importJobs.id, id)));
  return job ?? null;
}

/** Validates the mapping screen's choices against the file and the workspace, and stores them on the job. */
export async function saveImportOptions(ctx: Ctx, jobId: string, raw: unknown): Promise<Result<ImportOptions>> {
  const job = await getImportJob(ctx, jobId);
  if (!job) return notFound();
  if (job.status === "running" || job.status === "queued" || job.status === "completed") return fail("invalid", "This import has already run.");
  const parsed = importOptionsSchema.safeParse(raw);
  if (!parsed.success) return fail("invalid", "The import options are not valid. Reload the page and try again.");
  const options = parsed.data;
  if (options.mapping.length !== job.columns.length) return fail("invalid", "The column mapping does not match the file. Reload the page.");
  const defs = new Set((await listAttributeDefinitions(ctx)).map((d) => d.key));
  const seen = new Set<string>();
  for (const target of options.mapping) {
    if (!target) continue;
    const known = FIELD_IDS.has(target) || (target.startsWith("attr.") && defs.has(target.slice(5))) || (target.startsWith("new:") && NEW_TYPES.has(target.slice(4)));
    if (!known) return fieldError("mapping", `Unknown target “${target}”. Reload the page.`);
    if (!target.startsWith("new:") && seen.has(target)) return fieldError("mapping", "Two columns are mapped to the same field. Map each field once.");
    seen.add(target);
  }
  const mapped = new Set(options.mapping);
  if (!mapped.has("name") && !mapped.has("firstName") && !mapped.has("lastName")) {
    return fieldError("mapping", "Map a column to Name or First name: every contact needs a name.");
  }
  if (!mapped.has("phone") && !mapped.has("email")) return fieldError("mapping", "Map a column to Phone or Email: every contact needs one of them.");
  if (options.removeMissing && options.removeConfirm?.trim() !== ctx.actor.workspace.name) {
    return fieldError("removeConfirm", `Type the workspace name, ${ctx.actor.workspace.name}, to remove contacts that are not in the file.`);
  }
  if (options.timezone) {
    try {
      new Intl.DateTimeFormat("en-US", { timeZone: options.timezone });
    } catch {
      return fieldError("timezone", "Choose a time zone such as America/New_York.");
    }
  }
  await ctx.db
    .update(importJobs)
    .set({ options, mapping: options.mapping, status: "uploaded", preview: null, updatedAt: new Date() })
    .where(and(eq(importJobs.workspaceId, ctx.workspaceId), eq(importJobs.id, jobId)));
  return ok(options);
}

/**
 * Starts a preview (dry run) or the real run in the background and returns at
 * once; the page follows the job row. The status moves atomically, so a
 * double click cannot start two runs.
 */
export async function startImport(ctx: Ctx, jobId: string, mode: "preview" | "run", hooks?: ImportHooks): Promise<Result<{ status: string }>> {
  const from = mode === "preview" ? ["uploaded", "previewed", "failed"] : ["previewed"];
  const [job] = await ctx.db
    .update(importJobs)
    .set({ status: mode === "preview" ? "previewing" : "running", phase: "reading", rowsRead: 0, bytesRead: 0, error: null, updatedAt: new Date() })
    .where(and(eq(importJobs.workspaceId, ctx.workspaceId), eq(importJobs.id, jobId), inArray(importJobs.status, from as ImportJob["status"][]), sql`${importJobs.options} IS NOT NULL`))
    .returning();
  if (!job) {
    const existing = await getImportJob(ctx, jobId);
    if (!existing) return notFound();
    return fail("invalid", mode === "run" ? "Preview the import before running it." : "This import is already running or done.");
  }
  void runInBackground(ctx, job, mode, hooks);
  return ok({ status: job.status });
}

async function runInBackground(ctx: Ctx, job: ImportJob, mode: "preview" | "run", hooks?: ImportHooks): Promise<ImportSummary | null> {
  const scope = and(eq(importJobs.workspaceId, job.workspaceId), eq(importJobs.id, job.id));
  try {
    const summary = await executeImport({ db: ctx.db, job, actor: ctx.actor, options: job.options as ImportOptions, dryRun: mode === "preview", hooks });
    await ctx.db
      .update(importJobs)
      .set(
        mode === "preview"
          ? { status: "previewed", preview: summary, phase: "done", updatedAt: new Date() }
          : { status: "completed", result: summary, phase: "done", finishedAt: new Date(), updatedAt: new Date() },
      )
      .where(scope);
    return summary;
  } catch (error) {
    const message = error instanceof FileProblem ? error.message : "The import failed and nothing was imported. Try again, or check the file.";
    if (!(error instanceof FileProblem)) console.error("[import] failed", { jobId: job.id, error });
    await ctx.db.update(importJobs).set({ status: "failed", error: message, phase: null, finishedAt: new Date(), updatedAt: new Date() }).where(scope);
    return null;
  }
}

/** Runs a job to the end in the foreground (tests and the benchmark). */
export async function runImportNow(ctx: Ctx, jobId: string, mode: "preview" | "run", hooks?: ImportHooks): Promise<ImportJob> {
  const started = await startImport(ctx, jobId, mode, hooks);
  if (!started.ok) throw new Error(started.message);
  for (;;) {
    const job = await getImportJob(ctx, jobId);
    if (!job) throw new Error("job vanished");
    if (job.status === "previewed" || job.status === "completed" || job.status === "failed") return job;
    await new Promise((r) => setTimeout(r, 50));
  }
}

export type ImportStatus = Pick<ImportJob, "id" | "status" | "phase" | "rowsRead" | "bytesRead" | "totalBytes" | "preview" | "result" | "error">;

/** The job as the progress bar sees it; a run whose instance died is reported (and marked) failed. */
export async function importStatus(ctx: Ctx, jobId: string): Promise<ImportStatus | null> {
  const job = await getImportJob(ctx, jobId);
  if (!job) return null;
  const live = liveProgress(job.id);
  const running = job.status === "running" || job.status === "previewing";
  if (running && live) return { ...pick(job), ...live };
  if (running && Date.now() - job.updatedAt.getTime() > STALE_AFTER_MS) {
    await ctx.db.update(importJobs).set({ status: "failed", error: INTERRUPTED }).where(and(eq(importJobs.workspaceId, ctx.workspaceId), eq(importJobs.id, jobId), eq(importJobs.status, job.status)));
    return { ...pick(job), status: "failed", error: INTERRUPTED };
  }
  return pick(job);
}

function pick(job: ImportJob): ImportStatus {
  const { id, status, phase, rowsRead, bytesRead, totalBytes, preview, result, error } = job;
  return { id, status, phase, rowsRead, bytesRead, totalBytes, preview, result, error };
}

/**
 * On start: imports that were running when a server died are failed. Where
 * this process is the database's only one (PGlite), every running job
 * belonged to a process that is gone; otherwise only jobs whose heartbeat stopped.
 */
export async function failInterruptedImports(db: Db): Promise<number> {
  const running = inArray(importJobs.status, ["running", "previewing"] as ImportJob["status"][]);
  const where = db.driver.singleProcess ? running : and(running, lt(importJobs.updatedAt, new Date(Date.now() - STALE_AFTER_MS)));
  const failed = await db.update(importJobs).set({ status: "failed", error: INTERRUPTED, finishedAt: new Date() }).where(where).returning({ id: importJobs.id });
  return failed.length;
}
