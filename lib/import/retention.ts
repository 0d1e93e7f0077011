import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { queryRows } from "@/db/query";
import { defineJob } from "@/lib/jobs/define";

/** Days an import's error report (its failed rows, with their values) is kept after the import ended. */
export function errorReportDays(env = process.env): number {
  return wholeNumber(env, "SB_IMPORT_ERRORS_RETENTION_DAYS", 30);
}

/** Hours an upload no run is using is kept (a preview that was never run, a run that failed). */
export function uploadHours(env = process.env): number {
  return wholeNumber(env, "SB_UPLOAD_RETENTION_HOURS", 24);
}

function wholeNumber(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a whole number, not "${raw}"`);
  return value;
}

export type RetentionCounts = { errorRows: number; uploadChunks: number };

/**
 * Deletes what imports keep of people's data once its time is up: the error
 * reports of imports that ended more than `errorReportDays` ago, and the
 * uploads of imports not queued or running that nobody touched for
 * `uploadHours`. Over every workspace: it is the operator's policy.
 */
export async function applyImportRetention(db: Db, now = new Date(), days = errorReportDays(), hours = uploadHours()): Promise<RetentionCounts> {
  const errorsBefore = new Date(now.getTime() - days * 86_400_000);
  const uploadsBefore = new Date(now.getTime() - hours * 3_600_000);
  const [errors] = await queryRows<{ n: number }>(db, sql`
    WITH gone AS (
      DELETE FROM import_errors e USING import_jobs j
      WHERE j.workspace_id = e.workspace_id AND j.id = e.job_id AND j.finished_at < ${errorsBefore.toISOString()}::timestamptz
      RETURNING 1)
    SELECT count(*)::int AS n FROM gone`);
  const [uploads] = await queryRows<{ n: number }>(db, sql`
    WITH gone AS (
      DELETE FROM import_files f USING import_jobs j
      WHERE j.workspace_id = f.workspace_id AND j.id = f.job_id
        AND j.status NOT IN ('previewing', 'running', 'queued') AND j.updated_at < ${uploadsBefore.toISOString()}::timestamptz
      RETURNING 1)
    SELECT count(*)::int AS n FROM gone`);
  return { errorRows: errors.n, uploadChunks: uploads.n };
}

/** The daily retention run, queued by the queue's own schedule. */
export const retentionJob = defineJob<Record<string, never>>({
  name: "import-retention",
  onePerWorkspace: false,
  retries: 2,
  timeoutSeconds: 30 * 60,
  concurrency: 1,
  schedule: "daily",
  async run(_data, job) {
    const counts = await applyImportRetention(job.db);
    if (counts.errorRows + counts.uploadChunks > 0) console.log(`[import] retention deleted ${counts.errorRows} error report rows and ${counts.uploadChunks} upload chunks`);
  },
});
