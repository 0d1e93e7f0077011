import { sql, type SQL } from "drizzle-orm";
import type { Ctx } from "@/lib/auth/actor";

/**
 * Recomputes contacts.attribute_text (what search sees of custom attributes)
 * in SQL for the contacts matching `where`, from the workspace's current text
 * and dropdown definitions. Used after values are cleared in bulk.
 */
export async function refreshAttributeText(tx: Pick<Ctx["db"], "execute">, workspaceId: string, where: SQL): Promise<void> {
  await tx.execute(
    sql`UPDATE contacts c SET attribute_text = (
          SELECT string_agg(e.value, ' ') FROM jsonb_each_text(c.attributes) e
          WHERE e.key IN (SELECT d.key FROM attribute_definitions d
                          WHERE d.workspace_id = ${workspaceId} AND d.type IN ('text', 'dropdown')))
        WHERE c.workspace_id = ${workspaceId} AND ${where}`,
  );
}
