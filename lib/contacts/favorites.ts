import { and, eq, inArray, sql } from "drizzle-orm";
import { queryRows } from "@/db/query";
import { contacts, favorites } from "@/db/schema";
import type { Ctx } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { notFound, ok, type Result } from "@/lib/result";

/** Stars or unstars contacts for the current user only. Ids outside the workspace are ignored; none found is a 404. */
export async function setFavorite(ctx: Ctx, input: { ids: string[]; starred: boolean }): Promise<Result<{ changed: number }>> {
  const ids = [...new Set(input.ids)];
  return ctx.db.transaction(async (tx) => {
    const found = await tx
      .select({ id: contacts.id })
      .from(contacts)
      .where(and(eq(contacts.workspaceId, ctx.workspaceId), inArray(contacts.id, ids)));
    if (found.length === 0) return notFound();
    const foundIds = found.map((c) => c.id);
    let changed: { contactId: string }[];
    if (input.starred) {
      changed = await tx
        .insert(favorites)
        .values(foundIds.map((contactId) => ({ workspaceId: ctx.workspaceId, userId: ctx.actor.userId, contactId })))
        .onConflictDoNothing()
        .returning({ contactId: favorites.contactId });
    } else {
      changed = await tx
        .delete(favorites)
        .where(
          and(
            eq(favorites.workspaceId, ctx.workspaceId),
            eq(favorites.userId, ctx.actor.userId),
            inArray(favorites.contactId, foundIds),
          ),
        )
        .returning({ contactId: favorites.contactId });
    }
    if (changed.length > 0) {
      await recordAudit(tx, ctx, {
        action: input.starred ? "contact.starred" : "contact.unstarred",
        entityType: "contact",
        entityId: changed.length === 1 ? changed[0].contactId : null,
        after: { contactIds: changed.map((c) => c.contactId) },
      });
    }
    return ok({ changed: changed.length });
  });
}

export async function isFavorite(ctx: Ctx, contactId: string): Promise<boolean> {
  const rows = await queryRows(
    ctx.db,
    sql`SELECT 1 FROM favorites WHERE workspace_id = ${ctx.workspaceId} AND user_id = ${ctx.actor.userId} AND contact_id = ${contactId}`,
  );
  return rows.length > 0;
}
