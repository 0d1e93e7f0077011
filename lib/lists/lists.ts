import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import { isUniqueViolation } from "@/db/errors";
import { queryRows } from "@/db/query";
import { contacts, listMembers, lists, type List } from "@/db/schema";
import type { Ctx } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { fieldError, notFound, ok, type Result } from "@/lib/result";
import { contactIdsInput } from "@/lib/contacts/input";

export type ListSummary = { id: string; name: string; members: number; createdAt: Date };

const listName = z.string({ error: "Enter a list name." }).trim().min(1, "Enter a list name.").max(100, "List names are at most 100 characters.");
const listId = z.uuid({ error: "Unknown list." });

export const createListInput = z.object({ name: listName });
export const renameListInput = z.object({ id: listId, name: listName });
export const deleteListInput = z.object({ id: listId });
export const listMembershipInput = contactIdsInput.extend({ listId });

export async function listLists(ctx: Ctx): Promise<ListSummary[]> {
  const rows = await queryRows<{ id: string; name: string; members: number | string; created_at: Date | string }>(
    ctx.db,
    sql`SELECT l.id, l.name, l.created_at, (SELECT count(*) FROM list_members m WHERE m.workspace_id = l.workspace_id AND m.list_id = l.id) AS members
        FROM lists l WHERE l.workspace_id = ${ctx.workspaceId} ORDER BY lower(l.name)`,
  );
  return rows.map((r) => ({ id: r.id, name: r.name, members: Number(r.members), createdAt: new Date(r.created_at) }));
}

/** Ids and names only, for pickers and filters: no member counts (a count per list on every contacts page). */
export async function listListNames(ctx: Ctx): Promise<{ id: string; name: string }[]> {
  return queryRows<{ id: string; name: string }>(
    ctx.db,
    sql`SELECT l.id, l.name FROM lists l WHERE l.workspace_id = ${ctx.workspaceId} ORDER BY lower(l.name)`,
  );
}

export async function getList(ctx: Ctx, id: string): Promise<List | null> {
  const [list] = await ctx.db.select().from(lists).where(and(eq(lists.workspaceId, ctx.workspaceId), eq(lists.id, id)));
  return list ?? null;
}

const TAKEN = (name: string) => `A list named “${name}” already exists.`;

export async function createList(ctx: Ctx, input: z.output<typeof createListInput>): Promise<Result<List>> {
  try {
    return await ctx.db.transaction(async (tx) => {
      const [list] = await tx.insert(lists).values({ workspaceId: ctx.workspaceId, name: input.name, createdBy: ctx.actor.userId }).returning();
      await recordAudit(tx, ctx, { action: "list.created", entityType: "list", entityId: list.id, after: { name: list.name } });
      return ok(list);
    });
  } catch (error) {
    if (isUniqueViolation(error, "lists_name_key")) return fieldError("name", TAKEN(input.name));
    throw error;
  }
}

export async function renameList(ctx: Ctx, input: z.output<typeof renameListInput>): Promise<Result<List>> {
  try {
    return await ctx.db.transaction(async (tx) => {
      const scope = and(eq(lists.workspaceId, ctx.workspaceId), eq(lists.id, input.id));
      const [before] = await tx.select().from(lists).where(scope).for("update");
      if (!before) return notFound();
      const [after] = await tx.update(lists).set({ name: input.name }).where(scope).returning();
      await recordAudit(tx, ctx, { action: "list.renamed", entityType: "list", entityId: after.id, before: { name: before.name }, after: { name: after.name } });
      return ok(after);
    });
  } catch (error) {
    if (isUniqueViolation(error, "lists_name_key")) return fieldError("name", TAKEN(input.name));
    throw error;
  }
}

/** Deletes the list and its memberships; contacts are never deleted. */
export async function deleteList(ctx: Ctx, input: z.output<typeof deleteListInput>): Promise<Result<{ members: number }>> {
  return ctx.db.transaction(async (tx) => {
    const [count] = await queryRows<{ n: number | string }>(
      tx,
      sql`SELECT count(*) AS n FROM list_members WHERE workspace_id = ${ctx.workspaceId} AND list_id = ${input.id}`,
    );
    const [deleted] = await tx.delete(lists).where(and(eq(lists.workspaceId, ctx.workspaceId), eq(lists.id, input.id))).returning();
    if (!deleted) return notFound();
    const members = Number(count.n);
    await recordAudit(tx, ctx, { action: "list.deleted", entityType: "list", entityId: deleted.id, before: { name: deleted.name, members } });
    return ok({ members });
  });
}

/** Adds contacts of this workspace to a list of this workspace (already-members are left as they are). */
export async function addToList(ctx: Ctx, input: z.output<typeof listMembershipInput>): Promise<Result<{ changed: number }>> {
  return changeMembership(ctx, input, "add");
}

export async function removeFromList(ctx: Ctx, input: z.output<typeof listMembershipInput>): Promise<Result<{ changed: number }>> {
  return changeMembership(ctx, input, "remove");
}

async function changeMembership(ctx: Ctx, input: z.output<typeof listMembershipInput>, mode: "add" | "remove"): Promise<Result<{ changed: number }>> {
  return ctx.db.transaction(async (tx) => {
    const [list] = await tx.select().from(lists).where(and(eq(lists.workspaceId, ctx.workspaceId), eq(lists.id, input.listId)));
    if (!list) return notFound();
    const found = await tx
      .select({ id: contacts.id })
      .from(contacts)
      .where(and(eq(contacts.workspaceId, ctx.workspaceId), inArray(contacts.id, [...new Set(input.ids)])));
    if (found.length === 0) return notFound();
    const ids = found.map((c) => c.id);
    const changed =
      mode === "add"
        ? await tx
            .insert(listMembers)
            .values(ids.map((contactId) => ({ workspaceId: ctx.workspaceId, listId: list.id, contactId })))
            .onConflictDoNothing()
            .returning({ contactId: listMembers.contactId })
        : await tx
            .delete(listMembers)
            .where(and(eq(listMembers.workspaceId, ctx.workspaceId), eq(listMembers.listId, list.id), inArray(listMembers.contactId, ids)))
            .returning({ contactId: listMembers.contactId });
    if (changed.length > 0) {
      await recordAudit(tx, ctx, {
        action: mode === "add" ? "list.members_added" : "list.members_removed",
        entityType: "list",
        entityId: list.id,
        after: { list: list.name, contactIds: changed.map((c) => c.contactId) },
      });
    }
    return ok({ changed: changed.length });
  });
}

/** The lists a contact belongs to, by name. */
export async function listsOfContact(ctx: Ctx, contactId: string): Promise<{ id: string; name: string }[]> {
  return ctx.db
    .select({ id: lists.id, name: lists.name })
    .from(listMembers)
    .innerJoin(lists, and(eq(lists.workspaceId, listMembers.workspaceId), eq(lists.id, listMembers.listId)))
    .where(and(eq(listMembers.workspaceId, ctx.workspaceId), eq(listMembers.contactId, contactId)))
    .orderBy(asc(lists.name));
}
