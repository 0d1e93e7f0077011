import { sql } from "drizzle-orm";
import { queryRows } from "@/db/query";
import type { Ctx } from "@/lib/auth/actor";

type Tx = Pick<Ctx["db"], "execute">;

export const LIMIT_REACHED = "Contact limit reached: this workspace cannot hold more contacts. Delete some, or ask an administrator to raise the limit.";

/**
 * Reserves room for `n` new contacts in the workspace's counter, atomically
 * against the limit (a row lock, not check-then-insert). Returns false, and
 * changes nothing, when the limit would be passed. Call inside the transaction
 * that inserts the contacts, so a rollback releases the room.
 */
export async function reserveContacts(tx: Tx, workspaceId: string, n: number): Promise<boolean> {
  const rows = await queryRows(
    tx,
    sql`UPDATE workspaces SET contact_count = contact_count + ${n}
        WHERE id = ${workspaceId} AND (contact_limit IS NULL OR contact_count + ${n} <= contact_limit)
        RETURNING contact_count`,
  );
  return rows.length === 1;
}

export async function releaseContacts(tx: Tx, workspaceId: string, n: number): Promise<void> {
  if (n === 0) return;
  await tx.execute(sql`UPDATE workspaces SET contact_count = greatest(contact_count - ${n}, 0) WHERE id = ${workspaceId}`);
}

export async function contactUsage(ctx: Ctx): Promise<{ count: number; limit: number | null }> {
  const [row] = await queryRows<{ contact_count: number; contact_limit: number | null }>(
    ctx.db,
    sql`SELECT contact_count, contact_limit FROM workspaces WHERE id = ${ctx.workspaceId}`,
  );
  return { count: row.contact_count, limit: row.contact_limit };
}
