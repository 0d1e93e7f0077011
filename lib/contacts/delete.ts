import { and, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { contacts } from "@/db/schema";
import type { Ctx } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { fail, fieldError, notFound, ok, type Result } from "@/lib/result";

/** Deletes the given contacts of this workspace (permanent). Ids of other workspaces are simply not found. */
export async function deleteContacts(ctx: Ctx, input: { ids: string[] }): Promise<Result<{ deleted: number }>> {
  const ids = [...new Set(input.ids)];
  return ctx.db.transaction(async (tx) => {
    const deleted = await tx
      .delete(contacts)
      .where(and(eq(contacts.workspaceId, ctx.workspaceId), inArray(contacts.id, ids)))
      .returning({ id: contacts.id, displayName: contacts.displayName, phoneE164: contacts.phoneE164, email: contacts.email });
    if (deleted.length === 0) return notFound();
    if (deleted.length === 1) {
      await recordAudit(tx, ctx, { action: "contact.deleted", entityType: "contact", entityId: deleted[0].id, before: deleted[0] });
    } else {
      await recordAudit(tx, ctx, {
        action: "contact.bulk_deleted",
        entityType: "contact",
        before: { count: deleted.length, contacts: deleted },
      });
    }
    return ok({ deleted: deleted.length });
  });
}

export const deleteAllInput = z.object({ confirmName: z.string({ error: "Type the workspace name to confirm." }) });

/** Deletes every contact of the workspace in one transaction, after the workspace name is typed exactly. */
export async function deleteAllContacts(ctx: Ctx, input: z.output<typeof deleteAllInput>): Promise<Result<{ deleted: number }>> {
  if (input.confirmName.trim() !== ctx.actor.workspace.name) {
    return fieldError("confirmName", `Type the workspace name, ${ctx.actor.workspace.name}, exactly to confirm.`);
  }
  return ctx.db.transaction(async (tx) => {
    const result = await tx.delete(contacts).where(eq(contacts.workspaceId, ctx.workspaceId)).returning({ id: contacts.id });
    await recordAudit(tx, ctx, { action: "contact.all_deleted", entityType: "contact", before: { count: result.length } });
    return result.length === 0 ? fail("invalid", "There are no contacts to delete.") : ok({ deleted: result.length });
  });
}
