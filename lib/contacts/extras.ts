import { and, eq, inArray, notInArray } from "drizzle-orm";
import { listMembers, lists } from "@/db/schema";
import type { Ctx } from "@/lib/auth/actor";
import { fieldError, type Fail } from "@/lib/result";

/** The chosen lists, checked against this workspace (undefined: the caller did not choose). */
export async function resolveListChoice(ctx: Ctx, chosen: string[] | undefined): Promise<{ ok: true; listIds: string[] | undefined } | Fail> {
  if (chosen === undefined) return { ok: true, listIds: undefined };
  const ids = [...new Set(chosen)];
  if (ids.length > 0) {
    const found = await ctx.db
      .select({ id: lists.id })
      .from(lists)
      .where(and(eq(lists.workspaceId, ctx.workspaceId), inArray(lists.id, ids)));
    if (found.length !== ids.length) return fieldError("lists", "One of the chosen lists no longer exists. Reload and choose again.");
  }
  return { ok: true, listIds: ids };
}

/** Makes the contact's memberships exactly `listIds`; returns what changed. */
export async function setContactLists(
  tx: Pick<Ctx["db"], "insert" | "delete">,
  ctx: Ctx,
  contactId: string,
  listIds: string[],
): Promise<{ added: string[]; removed: string[] }> {
  const scope = and(eq(listMembers.workspaceId, ctx.workspaceId), eq(listMembers.contactId, contactId));
  const removed = await tx
    .delete(listMembers)
    .where(listIds.length > 0 ? and(scope, notInArray(listMembers.listId, listIds)) : scope)
    .returning({ listId: listMembers.listId });
  const added =
    listIds.length > 0
      ? await tx
          .insert(listMembers)
          .values(listIds.map((listId) => ({ workspaceId: ctx.workspaceId, listId, contactId })))
          .onConflictDoNothing()
          .returning({ listId: listMembers.listId })
      : [];
  return { added: added.map((a) => a.listId), removed: removed.map((r) => r.listId) };
}
