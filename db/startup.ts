import { DrizzleQueryError } from "drizzle-orm";
import { Client } from "pg";
import { defaultDataDir, getDatabase } from "./client";

/*
 * The database at boot. A server that cannot reach or migrate its database
 * is of no use to anyone, yet Next.js only logs "Failed to prepare server"
 * when instrumentation's register() throws and keeps the process answering
 * errors, so nothing above it (scripts/serve.mjs, which stops after five quick
 * deaths in a row, or an orchestrator) learns of it. Hence: open it before the
 * first request, and on failure exit 1 with one line saying why.
 */

/**
 * How long the server may take to answer a first connection. Only reaching
 * it is timed: applying migrations (an index on a million contacts) or
 * waiting for another instance's migration lock may rightly take longer.
 */
const REACH_TIMEOUT_MS = 15_000;

type Target = { url?: string; dataDir: string };

function currentTarget(): Target {
  return { url: process.env.DATABASE_URL || undefined, dataDir: defaultDataDir() };
}

/** Host, port and database name of a connection string: never its user or password. */
function describeServer(url: string): { server: string; database: string } {
  try {
    const parsed = new URL(url);
    const host = decodeURIComponent(parsed.hostname) || parsed.searchParams.get("host") || "localhost";
    return { server: `${host}:${parsed.port || "5432"}`, database: decodeURIComponent(parsed.pathname.slice(1)) || decodeURIComponent(parsed.username) || "postgres" };
  } catch {
    return { server: "the server in DATABASE_URL", database: "?" };
  }
}

function firstLine(text: string): string {
  return text.split("\n")[0].trim();
}

type ErrorLike = { code?: unknown; message?: unknown; cause?: unknown };

/** One line saying why `error` (from reaching or opening `target`) stops the server. */
export function startupFailure(error: unknown, target: Target = currentTarget()): string {
  const where = target.url ? `database "${describeServer(target.url).database}" on ${describeServer(target.url).server}` : `the embedded database in ${target.dataDir}`;
  const e = (error ?? {}) as ErrorLike;
  const message = firstLine(String(e.message ?? error));
  // drizzle wraps a failed statement (its message is the whole SQL); the cause is PostgreSQL's own error.
  const cause = e.cause as ErrorLike | undefined;
  if (error instanceof DrizzleQueryError && cause && typeof cause.code === "string") {
    return `applying the migrations to ${where} failed: ${firstLine(String(cause.message))} (SQLSTATE ${cause.code}); fix the database or the migration, then start again`;
  }
  if (e.code === "3D000") return `${where} does not exist; create it (CREATE DATABASE) or point DATABASE_URL at one that does`;
  if (e.code === "28P01" || e.code === "28000") return `${where} refused the login: ${message}; check the user and password in DATABASE_URL`;
  if (typeof e.code === "string" && /^E[A-Z]+$/.test(e.code)) return `cannot reach the database server at ${describeServer(target.url ?? "").server} (${e.code}); is it running, and is DATABASE_URL right?`;
  if (e instanceof ReachTimeout) return `the database server at ${describeServer(target.url ?? "").server} did not answer within ${e.ms / 1000} s; is it running, and is DATABASE_URL right?`;
  const code = typeof e.code === "string" ? ` (SQLSTATE ${e.code})` : "";
  return `cannot open ${where}: ${message}${code}`;
}

class ReachTimeout extends Error {
  constructor(readonly ms: number) {
    super(`no answer within ${ms} ms`);
  }
}

/** One connection and `SELECT 1`, so that "cannot reach" is told apart from "cannot migrate". */
async function reach(url: string, timeoutMs: number): Promise<void> {
  const client = new Client({ connectionString: url });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new ReachTimeout(timeoutMs)), timeoutMs);
  });
  // A connection lost after the check is the pool's business, not a crash here.
  client.on("error", () => undefined);
  try {
    await Promise.race([client.connect().then(() => client.query("SELECT 1")), timeout]);
  } finally {
    clearTimeout(timer);
    client.end().catch(() => undefined);
  }
}

/** Reaches, opens and migrates the database named by the environment; null when the server can start, else why not, in one line. */
export async function openDatabaseAtStartup({ reachTimeoutMs = REACH_TIMEOUT_MS } = {}): Promise<string | null> {
  const target = currentTarget();
  try {
    if (target.url) await reach(target.url, reachTimeoutMs);
    await getDatabase();
    return null;
  } catch (error) {
    return startupFailure(error, target);
  }
}

/**
 * Any other failure while the server prepares (the job queue creating its
 * schema, the sweep of interrupted imports): the same one line, exit 1.
 */
export function exitOnStartupError(error: unknown): never {
  const e = (error ?? {}) as ErrorLike;
  const code = typeof e.code === "string" ? ` (${e.code})` : "";
  console.error(`[switchboard] cannot start: ${firstLine(String(e.message ?? error))}${code}`);
  process.exit(1);
}

/** For instrumentation's register(): the server starts with its database open, or the process exits 1 saying why. */
export async function openDatabaseOrExit(): Promise<void> {
  const failure = await openDatabaseAtStartup();
  if (failure === null) return;
  console.error(`[switchboard] cannot start: ${failure}`);
  process.exit(1);
}
