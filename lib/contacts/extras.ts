import { and, eq, inArray, notInArray } from "drizzle-orm";
import { listMembers, lists } from "@/db/schema";
import type { Ctx } from "@/lib/auth/actor";
import { listAttributeDefinitions } from "@/lib/attributes/definitions";
import { attributeSearchText, validateAttributes, type AttributeValues } from "@/lib/attributes/validation";
import { fail, fieldError, type Fail } from "@/lib/result";

export type ResolvedExtras = {
  attributes?: { values: AttributeValues; text: string | null };
  listIds?: string[];
};

/** Validates a contact's custom attribute values and list choice against this workspace. */
export async function resolveExtras(ctx: Ctx, input: { attributes?: Record<string, unknown>; lists?: string[] }): Promise<{ ok: true; extras: ResolvedExtras } | Fail> {
  const extras: ResolvedExtras = {};
  if (input.attributes !== undefined) {
    const defs = await listAttributeDefinitions(ctx);
    const checked = validateAttributes(defs, input.attributes);
    if (!checked.ok) {
      const messages = Object.values(checked.fieldErrors);
      return fail("invalid", messages.length === 1 ? messages[0] : "Please correct the highlighted fields.", checked.fieldErrors);
    }
    extras.attributes = { values: checked.values, text: attributeSearchText(defs, checked.values) };
  }
  if (input.lists !== undefined) {
    const ids = [...new Set(input.lists)];
    if (ids.length > 0) {
      const found = await ctx.db
        .select({ id: lists.id })
        .from(lists)
        .where(and(eq(lists.workspaceId, ctx.workspaceId), inArray(lists.id, ids)));
      if (found.length !== ids.length) return fieldError("lists", "One of the chosen lists no longer exists. Reload and choose again.");
    }
    extras.listIds = ids;
  }
  return { ok: true, extras };
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
