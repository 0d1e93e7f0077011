import { sql } from "drizzle-orm";
import { queryRows } from "@/db/query";
import type { Ctx } from "@/lib/auth/actor";

export const LIMIT_REACHED = "Contact limit reached: this workspace cannot hold more contacts. Delete some, or ask an administrator to raise the limit.";

/**
 * The database keeps workspaces.contact_count and refuses an insert past the
 * limit (statement triggers on contacts, migration 0016), whichever path
 * writes: a writer only turns that refusal into LIMIT_REACHED.
 */
export { isContactLimitViolation as isLimitReached } from "@/db/errors";

export async function contactUsage(ctx: Ctx): Promise<{ count: number; limit: number | null }> {
  const [row] = await queryRows<{ contact_count: number; contact_limit: number | null }>(
    ctx.db,
    sql`SELECT contact_count, contact_limit FROM workspaces WHERE id = ${ctx.workspaceId}`,
  );
  return { count: row.contact_count, limit: row.contact_limit };
}
