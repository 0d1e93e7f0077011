import path from "node:path";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import type { PgliteDatabase } from "drizzle-orm/pglite";
import type { Pool } from "pg";

export const migrationsFolder = path.join(process.cwd(), "db", "migrations");

// An arbitrary constant: every app instance that starts against the same
// server takes this advisory lock, so only one applies migrations at a time.
const MIGRATION_LOCK = 7_401_311;

export async function migratePool(pool: Pool): Promise<void> {
  const client = await pool.connect();
  try {
    // The web pool's statement timeout must not cut a migration (an index on
    // a million contacts) or the wait for another instance's lock short.
    await client.query("SET statement_timeout = 0");
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK]);
    await migratePg(drizzlePg({ client }), { migrationsFolder });
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK]).catch(() => undefined);
    await client.query("RESET statement_timeout").catch(() => undefined);
    client.release();
  }
}

export async function migratePgliteDb(db: PgliteDatabase<Record<string, unknown>>): Promise<void> {
  await migratePglite(db, { migrationsFolder });
}
