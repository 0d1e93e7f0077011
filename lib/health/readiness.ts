import { sql } from "drizzle-orm";
import { readMigrationFiles } from "drizzle-orm/migrator";
import { getDb } from "@/db/client";
import { migrationsFolder } from "@/db/migrate";
import { queryRows } from "@/db/query";
import { jobQueueRunning } from "@/lib/jobs/health";

/**
 * What /api/ready answers: one word per check, nothing else. A probe is
 * public, so it names no host, database, version or error text; the reason
 * goes to the server log.
 */
export type Readiness = {
  status: "ready" | "not_ready";
  checks: {
    database: "ok" | "unreachable";
    migrations: "ok" | "pending" | "unknown";
    jobs: "ok" | "not_running";
  };
};

/**
 * How long each check may take (SB_READY_TIMEOUT_MS, default 5 s): an answer
 * of "not ready" in time beats a probe that hangs on a dead connection. Not
 * shorter, because a busy server that answers slowly is still serving, and
 * taking busy instances out of rotation moves their load onto the others.
 * Set it below the probe's own timeout.
 */
function checkTimeoutMs(): number {
  const configured = Number(process.env.SB_READY_TIMEOUT_MS);
  return Number.isFinite(configured) && configured > 0 ? configured : 5000;
}

function withTimeout<T>(what: string, work: Promise<T>): Promise<T> {
  const ms = checkTimeoutMs();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

// The files do not change while the server runs; drizzle's own reader gives
// each migration's timestamp, which is what its migrator compares with the
// database's newest applied one.
let newestMigrationMillis: number | undefined;
function newestMigration(): number {
  newestMigrationMillis ??= Math.max(0, ...readMigrationFiles({ migrationsFolder }).map((m) => m.folderMillis));
  return newestMigrationMillis;
}

async function databaseAndMigrations(): Promise<Pick<Readiness["checks"], "database" | "migrations"> & { error?: unknown }> {
  let db;
  try {
    db = await withTimeout("the database", getDb());
    await withTimeout("the database", queryRows(db, sql`SELECT 1`));
  } catch (error) {
    return { database: "unreachable", migrations: "unknown", error };
  }
  try {
    const [row] = await withTimeout("the migrations table", queryRows<{ newest: string | null }>(db, sql`SELECT max(created_at) AS newest FROM drizzle.__drizzle_migrations`));
    return { database: "ok", migrations: Number(row?.newest ?? 0) >= newestMigration() ? "ok" : "pending" };
  } catch (error) {
    // No migrations table at all is a database nothing was applied to.
    return { database: "ok", migrations: "pending", error };
  }
}

async function jobs(): Promise<Readiness["checks"]["jobs"]> {
  const running = await withTimeout("the job queue", jobQueueRunning()).catch(() => false);
  return running ? "ok" : "not_running";
}

// Probes come every few seconds: the reason is logged when it changes, not on every probe.
let lastLogged = "ready";

export async function checkReadiness(): Promise<Readiness> {
  const [{ error, ...data }, jobsCheck] = await Promise.all([databaseAndMigrations(), jobs()]);
  const checks = { ...data, jobs: jobsCheck };
  const failing = Object.entries(checks).filter(([, value]) => value !== "ok");
  const summary = failing.length === 0 ? "ready" : failing.map(([name, value]) => `${name} ${value}`).join(", ");
  if (summary !== lastLogged) {
    if (failing.length === 0) console.warn("[ready] ready again");
    else console.warn(`[ready] not ready: ${summary}`, error ?? "");
    lastLogged = summary;
  }
  return { status: failing.length === 0 ? "ready" : "not_ready", checks };
}
