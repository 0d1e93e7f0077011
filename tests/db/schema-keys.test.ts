import { sql } from "drizzle-orm";
import type { DatabaseHandle } from "@/db/client";
import { queryRows } from "@/db/query";
import { createTestDatabase } from "../support/db";

// Tables that are not tenant data: the workspace itself, accounts (a person
// signs in before a workspace is known) and sign-in attempts.
const GLOBAL_TABLES = ["workspaces", "users", "login_attempts", "job_runs"];

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle.close());

type IndexRow = { table: string; index: string; columns: string[]; primary: boolean };
type FkRow = { table: string; name: string; columns: string[]; target: string };

async function tables(): Promise<string[]> {
  const rows = await queryRows<{ table_name: string }>(
    handle.db,
    sql`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
  );
  return rows.map((r) => r.table_name).sort();
}

async function uniqueIndexes(): Promise<IndexRow[]> {
  // The first key column of each unique index (null for an expression).
  return queryRows<IndexRow>(
    handle.db,
    sql`SELECT t.relname AS table, i.relname AS index, ix.indisprimary AS primary,
               array(SELECT coalesce(a.attname::text, '<expr>') FROM unnest(ix.indkey) WITH ORDINALITY k(attnum, n)
                     LEFT JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum ORDER BY k.n)::text[] AS columns
        FROM pg_index ix JOIN pg_class i ON i.oid = ix.indexrelid JOIN pg_class t ON t.oid = ix.indrelid
        JOIN pg_namespace s ON s.oid = t.relnamespace
        WHERE s.nspname = 'public' AND ix.indisunique`,
  );
}

async function foreignKeys(): Promise<FkRow[]> {
  return queryRows<FkRow>(
    handle.db,
    sql`SELECT t.relname AS table, c.conname AS name, f.relname AS target,
               array(SELECT a.attname::text FROM unnest(c.conkey) WITH ORDINALITY k(attnum, n)
                     JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum ORDER BY k.n)::text[] AS columns
        FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid JOIN pg_class f ON f.oid = c.confrelid
        JOIN pg_namespace s ON s.oid = t.relnamespace
        WHERE s.nspname = 'public' AND c.contype = 'f'`,
  );
}

test("every table is either a known global table or carries workspace_id", async () => {
  const all = await tables();
  const withWorkspace = await queryRows<{ table_name: string }>(
    handle.db,
    sql`SELECT table_name FROM information_schema.columns WHERE table_schema = 'public' AND column_name = 'workspace_id'`,
  );
  const tenant = new Set(withWorkspace.map((r) => r.table_name));
  for (const table of all) {
    expect({ table, keyed: GLOBAL_TABLES.includes(table) || tenant.has(table) }).toEqual({ table, keyed: true });
  }
  expect(tenant.size).toBeGreaterThanOrEqual(2);
});

test("tenant tables: primary key and every unique index start with workspace_id", async () => {
  const indexes = (await uniqueIndexes()).filter((i) => !GLOBAL_TABLES.includes(i.table));
  expect(indexes.some((i) => i.primary)).toBe(true);
  for (const index of indexes) {
    expect({ index: index.index, first: index.columns[0] }).toEqual({ index: index.index, first: "workspace_id" });
  }
});

test("tenant tables: foreign keys to other tenant tables include workspace_id", async () => {
  const fks = (await foreignKeys()).filter((fk) => !GLOBAL_TABLES.includes(fk.table));
  expect(fks.length).toBeGreaterThan(0);
  for (const fk of fks) {
    if (GLOBAL_TABLES.includes(fk.target)) continue;
    expect({ fk: fk.name, first: fk.columns[0] }).toEqual({ fk: fk.name, first: "workspace_id" });
  }
});

test("pg_trgm is installed by the migrations", async () => {
  const rows = await queryRows<{ extname: string }>(handle.db, sql`SELECT extname FROM pg_extension WHERE extname = 'pg_trgm'`);
  expect(rows).toHaveLength(1);
});
