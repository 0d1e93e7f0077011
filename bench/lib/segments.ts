import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { queryRows } from "@/db/query";

/**
 * The list and custom attribute the filter scenarios use, created once in the
 * bench database: a list holding 1% of the workspace's contacts and a
 * dropdown attribute "tier" (Gold on about 10%, Silver 30%, Bronze 60%).
 */
export async function ensureSegments(db: Db, workspaceId: string, log: (line: string) => void): Promise<{ listId: string }> {
  const [existing] = await queryRows<{ id: string }>(db, sql`SELECT id FROM lists WHERE workspace_id = ${workspaceId} AND name = 'Bench 1%'`);
  if (existing) return { listId: existing.id };
  log("Creating the bench list (1% of contacts) and the tier attribute (one time)…");
  const started = Date.now();
  // One transaction: a failure part way (it once hit the web pool's statement
  // timeout) must not leave the list behind, or the next run would take the
  // half-made segments for done and measure a filter that matches nothing.
  const list = await db.transaction(async (tx) => {
    const [created] = await queryRows<{ id: string }>(
      tx,
      sql`INSERT INTO lists (workspace_id, name) VALUES (${workspaceId}, 'Bench 1%') RETURNING id`,
    );
    await tx.execute(
      sql`INSERT INTO list_members (workspace_id, list_id, contact_id)
          SELECT ${workspaceId}, ${created.id}, id FROM contacts WHERE workspace_id = ${workspaceId} AND abs(hashtext(id::text)) % 100 = 0`,
    );
    await tx.execute(
      sql`INSERT INTO attribute_definitions (workspace_id, key, label, type, options)
          VALUES (${workspaceId}, 'tier', 'Tier', 'dropdown', '["Gold","Silver","Bronze"]'::jsonb) ON CONFLICT DO NOTHING`,
    );
    await tx.execute(
      sql`UPDATE contacts SET attributes = attributes || jsonb_build_object('tier', CASE WHEN abs(hashtext(id::text)) % 10 = 0 THEN 'Gold'
            WHEN abs(hashtext(id::text)) % 10 < 4 THEN 'Silver' ELSE 'Bronze' END)
          WHERE workspace_id = ${workspaceId}`,
    );
    return created;
  });
  // Index-only scans need the visibility map the UPDATE just cleared.
  await db.execute(sql`VACUUM ANALYZE contacts`);
  await db.execute(sql`VACUUM ANALYZE list_members`);
  log(`  done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return { listId: list.id };
}
