import { and, eq, inArray, lt, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { importJobs, type ImportJob } from "@/db/schema";
import type { Ctx } from "@/lib/auth/actor";
import { listAttributeDefinitions } from "@/lib/attributes/definitions";
import { fail, fieldError, notFound, ok, type Result } from "@/lib/result";
import { enqueue } from "@/lib/jobs/enqueue";
import type { ImportHooks } from "./execute";
import { IMPORT_FIELDS } from "./fields";
import { baseTarget, candidateOf } from "./header-map";
import { importJob, INTERRUPTED, QUEUED, setImportHooks, type ImportMode } from "./import-job";
import { importOptionsSchema, type ImportOptions } from "./options";
import { liveProgress, STALE_AFTER_MS } from "./progress";

const FIELD_IDS = new Set<string>(IMPORT_FIELDS.map((f) => f.id));
const NEW_TYPES = new Set(["text", "number", "date", "boolean"]);
export { INTERRUPTED };

export async function getImportJob(ctx: Pick<Ctx, "db" | "workspaceId">, id: string): Promise<ImportJob | null> {
  const [job] = await ctx.db.select().from(importJobs).where(and(eq(importJobs.workspaceId, ctx.workspaceId), eq(importJobs.id, id)));
  return job ?? null;
}

/** Validates the mapping screen's choices against the file and the workspace, and stores them on the job. */
export async function saveImportOptions(ctx: Ctx, jobId: string, raw: unknown): Promise<Result<ImportOptions>> {
  const job = await getImportJob(ctx, jobId);
  if (!job) return notFound();
  if (job.status === "running" || job.status === "queued" || job.status === "completed") return fail("invalid", "This import has already run.");
  // A preview queued or running reads these options: a change now would go to a second, queued one.
  if (job.status === "previewing") return fail("invalid", "A preview of this import is running. Wait for it to finish, then change the options.");
  const parsed = importOptionsSchema.safeParse(raw);
  if (!parsed.success) return fail("invalid", "The import options are not valid. Reload the page and try again.");
  const options = parsed.data;
  if (options.mapping.length !== job.columns.length) return fail("invalid", "The column mapping does not match the file. Reload the page.");
  const defs = new Set((await listAttributeDefinitions(ctx)).map((d) => d.key));
  const seen = new Set<string>();
  for (const target of options.mapping) {
    if (!target) continue;
    const known =
      FIELD_IDS.has(target) ||
      target === "phoneType" ||
      candidateOf(target) !== null ||
      (target.startsWith("attr.") && defs.has(target.slice(5))) ||
      (target.startsWith("new:") && NEW_TYPES.has(target.slice(4)));
    if (!known) return fieldError("mapping", `Unknown target “${target}”. Reload the page.`);
    // Several columns may each label a phone or become a new attribute; a field (or a phone's 2nd choice) is filled by one.
    if (!target.startsWith("new:") && target !== "phoneType" && seen.has(target)) {
      return fieldError("mapping", "Two columns are mapped to the same field. Map each field once (a second phone or email column can be its 2nd choice).");
    }
    seen.add(target);
  }
  const mapped = new Set(options.mapping.map(baseTarget));
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
 * Queues a preview (dry run) or the real run and returns at once; the page
 * follows the job row. The row says previewing or running, in the phase
 * "queued" until a worker takes it (lib/import/import-job.ts). The status
 * moves atomically, so a double click cannot queue two runs.
 */
export async function startImport(ctx: Ctx, jobId: string, mode: ImportMode, hooks?: ImportHooks): Promise<Result<{ status: string }>> {
  const from = mode === "preview" ? ["uploaded", "previewed", "failed"] : ["previewed"];
  const scope = and(eq(importJobs.workspaceId, ctx.workspaceId), eq(importJobs.id, jobId));
  const [job] = await ctx.db
    .update(importJobs)
    .set({ status: mode === "preview" ? "previewing" : "running", phase: QUEUED, rowsRead: 0, bytesRead: 0, error: null, updatedAt: new Date() })
    .where(and(scope, inArray(importJobs.status, from as ImportJob["status"][]), sql`${importJobs.options} IS NOT NULL`, sql`EXISTS (SELECT 1 FROM import_files f WHERE f.workspace_id = ${importJobs.workspaceId} AND f.job_id = ${importJobs.id})`))
    .returning();
  if (!job) {
    const existing = await getImportJob(ctx, jobId);
    if (!existing) return notFound();
    if (from.includes(existing.status) && existing.options) return fail("invalid", FILE_GONE);
    return fail("invalid", mode === "run" ? "Preview the import before running it." : "This import is already running or done.");
  }
  if (hooks) setImportHooks(job.id, hooks);
  try {
    // One at a time per workspace (the job's definition): the others wait in the queue.
    await enqueue(ctx.db, importJob, { workspaceId: ctx.workspaceId, importJobId: job.id, mode, userId: ctx.actor.userId }, { workspaceId: ctx.workspaceId });
  } catch (error) {
    await ctx.db.update(importJobs).set({ status: "failed", phase: null, error: "The import could not be queued. Try again.", updatedAt: new Date() }).where(scope);
    throw error;
  }
  return ok({ status: job.status });
}

const FILE_GONE = "The uploaded file is no longer kept. Upload it again to import it.";

/** How many of the workspace's imports run or wait before this queued one (counted from the job rows). */
async function importsAhead(ctx: Pick<Ctx, "db" | "workspaceId">, job: Pick<ImportJob, "id" | "updatedAt">): Promise<number> {
  const [{ n }] = await ctx.db
    .select({ n: sql<number>`count(*)::int` })
    .from(importJobs)
    .where(
      and(
        eq(importJobs.workspaceId, ctx.workspaceId),
        inArray(importJobs.status, ["previewing", "running"] as ImportJob["status"][]),
        sql`${importJobs.id} <> ${job.id}`,
        sql`(${importJobs.phase} IS DISTINCT FROM ${QUEUED} OR (${importJobs.updatedAt}, ${importJobs.id}) < (${job.updatedAt.toISOString()}::timestamptz, ${job.id}::uuid))`,
      ),
    );
  return n;
}

/** Runs a job to the end in the foreground (tests and the benchmark). */
export async function runImportNow(ctx: Ctx, jobId: string, mode: ImportMode, hooks?: ImportHooks): Promise<ImportJob> {
  const started = await startImport(ctx, jobId, mode, hooks);
  if (!started.ok) throw new Error(started.message);
  for (;;) {
    const job = await getImportJob(ctx, jobId);
    if (!job) throw new Error("job vanished");
    if (job.status === "previewed" || job.status === "completed" || job.status === "failed") return job;
    await new Promise((r) => setTimeout(r, 50));
  }
}

export type ImportStatus = Pick<ImportJob, "id" | "status" | "phase" | "rowsRead" | "bytesRead" | "totalBytes" | "preview" | "result" | "error"> & {
  /** While queued: the workspace's imports running or waiting before it. */
  ahead: number | null;
};

/** The job as the progress bar sees it; a run whose instance died is reported (and marked) failed. */
export async function importStatus(ctx: Ctx, jobId: string): Promise<ImportStatus | null> {
  const job = await getImportJob(ctx, jobId);
  if (!job) return null;
  const live = liveProgress(job.id);
  const running = job.status === "running" || job.status === "previewing";
  if (running && job.phase === QUEUED) return { ...pick(job), ahead: await importsAhead(ctx, job) };
  if (running && live) return { ...pick(job), ...live };
  if (running && Date.now() - job.updatedAt.getTime() > STALE_AFTER_MS) {
    await ctx.db.update(importJobs).set({ status: "failed", error: INTERRUPTED }).where(and(eq(importJobs.workspaceId, ctx.workspaceId), eq(importJobs.id, jobId), eq(importJobs.status, job.status)));
    return { ...pick(job), status: "failed", error: INTERRUPTED };
  }
  return pick(job);
}

function pick(job: ImportJob): ImportStatus {
  const { id, status, phase, rowsRead, bytesRead, totalBytes, preview, result, error } = job;
  return { id, status, phase, rowsRead, bytesRead, totalBytes, preview, result, error, ahead: null };
}

/**
 * On start: imports that were running when a server died are failed. Where
 * this process is the database's only one (PGlite), every running or queued
 * job belonged to a process that is gone, queue and all; otherwise only runs
 * whose heartbeat stopped (queued ones wait in pg-boss, which keeps them).
 */
export async function failInterruptedImports(db: Db): Promise<number> {
  const running = inArray(importJobs.status, ["running", "previewing"] as ImportJob["status"][]);
  const where = db.driver.singleProcess
    ? running
    : and(running, sql`${importJobs.phase} IS DISTINCT FROM ${QUEUED}`, lt(importJobs.updatedAt, new Date(Date.now() - STALE_AFTER_MS)));
  const failed = await db.update(importJobs).set({ status: "failed", error: INTERRUPTED, finishedAt: new Date() }).where(where).returning({ id: importJobs.id });
  return failed.length;
}
