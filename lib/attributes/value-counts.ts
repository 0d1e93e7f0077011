import { sql } from "drizzle-orm";
import { queryRows } from "@/db/query";
import type { Db } from "@/db/client";
import type { Ctx } from "@/lib/auth/actor";

/**
 * Past this many delta rows for one value, reading it merges the key's deltas
 * into one row per value: each statement that changes a value appends a row
 * (migration 0010), so a value edited often and read rarely would otherwise
 * be summed over a growing range.
 */
const MERGE_AFTER = 16;

/**
 * How many of the workspace's contacts hold `value` for the dropdown or
 * boolean attribute `key`, exactly: the sum of the deltas the contacts
 * triggers keep. Sees what a count of contacts in the same transaction would.
 */
export async function countAttributeValue(ctx: Pick<Ctx, "db" | "workspaceId">, key: string, value: string | boolean): Promise<number> {
  const json = JSON.stringify(value);
  const [row] = await queryRows<{ n: number | string; parts: number | string }>(
    ctx.db,
    sql`SELECT coalesce(sum(n), 0) AS n, count(*) AS parts FROM attribute_value_counts
        WHERE workspace_id = ${ctx.workspaceId} AND key = ${key} AND value = ${json}::jsonb`,
  );
  if (Number(row.parts) > MERGE_AFTER) await mergeAttributeValueCounts(ctx.db, ctx.workspaceId, key);
  return Number(row.n);
}

/**
 * Replaces the key's deltas with one row per value (none for a value nobody
 * holds). Safe beside concurrent writers and mergers: a delta committed after
 * this statement's snapshot is neither deleted nor summed, and a row another
 * transaction has locked (a merge, or an attribute being deleted) is skipped,
 * not waited for: a page read never queues behind an admin's long change.
 */
export async function mergeAttributeValueCounts(db: Pick<Db, "execute">, workspaceId: string, key: string): Promise<void> {
  await db.execute(
    sql`WITH gone AS (
          DELETE FROM attribute_value_counts WHERE ctid = ANY (ARRAY(
            SELECT ctid FROM attribute_value_counts WHERE workspace_id = ${workspaceId} AND key = ${key} FOR UPDATE SKIP LOCKED
          ))
          RETURNING value, n
        )
        INSERT INTO attribute_value_counts (workspace_id, key, value, n)
        SELECT ${workspaceId}::uuid, ${key}, value, sum(n) FROM gone GROUP BY value HAVING sum(n) <> 0`,
  );
}

/** Forgets a deleted attribute's counts (its values were cleared from contacts in the same transaction). */
export async function dropAttributeValueCounts(db: Pick<Db, "execute">, workspaceId: string, key: string): Promise<void> {
  await db.execute(sql`DELETE FROM attribute_value_counts WHERE workspace_id = ${workspaceId} AND key = ${key}`);
}

/** Counts a key afresh from the contacts, for a definition just created (see migration 0010). */
export async function rebuildAttributeValueCounts(db: Pick<Db, "execute">, workspaceId: string, key: string): Promise<void> {
  await db.execute(sql`SELECT rebuild_attribute_value_counts(${workspaceId}::uuid, ${key})`);
}
