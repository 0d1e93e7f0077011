import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { btree_gin } from "@electric-sql/pglite/contrib/btree_gin";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { Pool } from "pg";
import type { Driver } from "./driver";
import { pgDriver } from "./driver-pg";
import { pgliteDriver } from "./driver-pglite";
import * as schema from "./schema";
import { migratePgliteDb, migratePool } from "./migrate";

/**
 * The one database type the rest of the code sees, whichever driver is behind
 * it: drizzle, plus `driver` for what drizzle does not cover (one-connection
 * transactions, COPY) and what differs between the two (see db/driver.ts).
 */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema> & { readonly driver: Driver };

export type DatabaseHandle = {
  db: Db;
  /** The driver's own client, for scripts, benchmarks and tests that measure it; lib/ goes through `db.driver`. */
  raw: { kind: "pg"; pool: Pool } | { kind: "pglite"; client: PGlite };
  /** The server's connection string (none for PGlite): background jobs open their own pool to it. */
  url?: string;
  close: () => Promise<void>;
};

/**
 * `loadDataDir`: PGlite only, a data directory dumped by PGlite's
 * dumpDataDir() to start from (tests start every file from one migrated
 * copy instead of migrating afresh; pending migrations still run).
 * `maintenance`: a server pool without the web pool's statement timeout,
 * for scripts that run statements of minutes (the benchmarks' one-time
 * data setup: an UPDATE of a million contacts, a VACUUM).
 */
export type OpenOptions = { url?: string; dataDir?: string; loadDataDir?: Blob; maintenance?: boolean };

/** Opens a database and applies pending migrations. `url` → PostgreSQL server, else PGlite. */
export async function openDatabase(options: OpenOptions): Promise<DatabaseHandle> {
  if (options.url) {
    // The web pool: a page request's statement that runs past
    // statement_timeout, or a transaction left idle past
    // idle_in_transaction_session_timeout, is ended by the server, so no
    // request can hold a connection (or a lock) for good. Background jobs
    // have a pool of their own without the statement timeout (openJobDatabase).
    const settings = options.maintenance ? webTimeouts().filter((s) => !s.startsWith("statement_timeout=")) : webTimeouts();
    const pool = openPool(options.url, Number(process.env.DATABASE_POOL_SIZE ?? 10), settings);
    await migratePool(pool).catch((error: unknown) => closeAndThrow(() => pool.end(), error));
    return pgHandle(pool, options.url);
  }
  const dataDir = options.dataDir ?? "memory://";
  if (!dataDir.startsWith("memory://")) fs.mkdirSync(dataDir, { recursive: true });
  const client = await PGlite.create(dataDir, { extensions: { pg_trgm, btree_gin }, loadDataDir: options.loadDataDir });
  const pgliteDb = drizzlePglite({ client, schema });
  await migratePgliteDb(pgliteDb).catch((error: unknown) => closeAndThrow(() => client.close(), error));
  const db = Object.assign(pgliteDb, { driver: pgliteDriver(client) }) as unknown as Db;
  return { db, raw: { kind: "pglite", client }, close: () => client.close() };
}

/**
 * A failed open leaves nothing running: the next getDatabase() opens afresh,
 * and a second PGlite beside a forgotten first on one data directory would
 * corrupt it; a forgotten pool would keep its connections (and the process) alive.
 */
async function closeAndThrow(close: () => Promise<void>, error: unknown): Promise<never> {
  await close().catch(() => undefined);
  throw error;
}

/**
 * The pool background jobs run on (lib/jobs), beside the web pool of
 * openDatabase on the same server: jobs spend their own budget of
 * connections, so no number of them can starve page requests. No statement
 * timeout here (a million-row import runs statements of minutes); the idle in
 * transaction timeout stays, so a hung worker does not hold its locks for good.
 * The database is migrated already (by openDatabase).
 */
export function openJobDatabase(url: string, max: number): DatabaseHandle {
  return pgHandle(openPool(url, max, [`idle_in_transaction_session_timeout=${seconds("DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_SECONDS", 60)}s`]), url);
}

function webTimeouts(): string[] {
  return [
    `statement_timeout=${seconds("DATABASE_STATEMENT_TIMEOUT_SECONDS", 30)}s`,
    `idle_in_transaction_session_timeout=${seconds("DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_SECONDS", 60)}s`,
  ];
}

/** A whole number of seconds from the environment; 0 turns the timeout off. */
function seconds(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a whole number of seconds (0: no timeout), not "${raw}"`);
  return value;
}

function openPool(url: string, max: number, settings: string[]): Pool {
  // temp_buffers: an import's stage (a temp table, indexed by key) stays in
  // the session's own buffers instead of spilling at the 8 MB default. It
  // is allocated only by a session that uses temp tables, and can only be
  // set before its first one: hence at connection start.
  // max_parallel_workers_per_gather=0: a web request's query gains nothing
  // from parallel workers when many requests already share the cores, and
  // each worker is a process the server starts for one query (a capped
  // count of a list filter spent about as long starting one as counting).
  const options = ["temp_buffers=128MB", "max_parallel_workers_per_gather=0", ...settings].map((s) => `-c ${s}`).join(" ");
  const pool = new Pool({ connectionString: url, max, options });
  // An idle connection dropped by the server (restart, failover) must not
  // crash the process; the pool replaces it on the next query.
  pool.on("error", (error) => console.error("[db] idle connection lost:", error.message));
  return pool;
}

function pgHandle(pool: Pool, url: string): DatabaseHandle {
  const db = Object.assign(drizzlePg({ client: pool, schema }), { driver: pgDriver(pool) }) as unknown as Db;
  return { db, raw: { kind: "pg", pool }, url, close: () => pool.end() };
}

export function defaultDataDir(): string {
  return process.env.PGLITE_DATA_DIR ?? path.join(process.cwd(), "data", "pglite");
}

// One handle per process, kept on globalThis: Next.js may load this module in
// more than one bundle, and two PGlite instances on one data directory would
// corrupt it.
const globalStore = globalThis as unknown as { __switchboardDb?: Promise<DatabaseHandle> };

export function getDatabase(): Promise<DatabaseHandle> {
  globalStore.__switchboardDb ??= openDatabase({
    url: process.env.DATABASE_URL || undefined,
    dataDir: defaultDataDir(),
  }).catch((error: unknown) => {
    globalStore.__switchboardDb = undefined;
    throw error;
  });
  return globalStore.__switchboardDb;
}

export async function getDb(): Promise<Db> {
  return (await getDatabase()).db;
}
