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
  close: () => Promise<void>;
};

export type OpenOptions = { url?: string; dataDir?: string };

/** Opens a database and applies pending migrations. `url` → PostgreSQL server, else PGlite. */
export async function openDatabase(options: OpenOptions): Promise<DatabaseHandle> {
  if (options.url) {
    // temp_buffers: an import's stage (a temp table, indexed by key) stays in
    // the session's own buffers instead of spilling at the 8 MB default. It
    // is allocated only by a session that uses temp tables, and can only be
    // set before its first one: hence at connection start.
    // max_parallel_workers_per_gather=0: a web request's query gains nothing
    // from parallel workers when many requests already share the cores, and
    // each worker is a process the server starts for one query (a capped
    // count of a list filter spent about as long starting one as counting).
    const pool = new Pool({ connectionString: options.url, max: Number(process.env.DATABASE_POOL_SIZE ?? 10), options: "-c temp_buffers=128MB -c max_parallel_workers_per_gather=0" });
    // An idle connection dropped by the server (restart, failover) must not
    // crash the process; the pool replaces it on the next query.
    pool.on("error", (error) => console.error("[db] idle connection lost:", error.message));
    await migratePool(pool);
    const db = Object.assign(drizzlePg({ client: pool, schema }), { driver: pgDriver(pool) }) as unknown as Db;
    return { db, raw: { kind: "pg", pool }, close: () => pool.end() };
  }
  const dataDir = options.dataDir ?? "memory://";
  if (!dataDir.startsWith("memory://")) fs.mkdirSync(dataDir, { recursive: true });
  const client = await PGlite.create(dataDir, { extensions: { pg_trgm, btree_gin } });
  const pgliteDb = drizzlePglite({ client, schema });
  await migratePgliteDb(pgliteDb);
  const db = Object.assign(pgliteDb, { driver: pgliteDriver(client) }) as unknown as Db;
  return { db, raw: { kind: "pglite", client }, close: () => client.close() };
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
