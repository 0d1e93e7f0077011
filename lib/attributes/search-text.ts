import { sql, type SQL } from "drizzle-orm";
import type { Ctx } from "@/lib/auth/actor";

/**
 * Recomputes contacts.attribute_text (what search sees of custom attributes)
 * in SQL for the contacts matching `where`, from the workspace's current text
 * and dropdown definitions (sb_attribute_text, the SQL twin of the contact
 * rules' attributeSearchText). Used after values are cleared in bulk.
 */
export async function refreshAttributeText(tx: Pick<Ctx["db"], "execute">, workspaceId: string, where: SQL): Promise<void> {
  await tx.execute(
    sql`UPDATE contacts c SET attribute_text = sb_attribute_text(c.workspace_id, c.attributes) WHERE c.workspace_id = ${workspaceId} AND ${where}`,
  );
}
