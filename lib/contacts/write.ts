import { and, eq } from "drizzle-orm";
import { contacts, favorites, type Contact } from "@/db/schema";
import type { Ctx } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { fail, notFound, ok, type Result } from "@/lib/result";
import { duplicateResult } from "./duplicates";
import { resolveExtras, setContactLists } from "./extras";
import type { CreateContactInput, UpdateContactInput } from "./input";
import { LIMIT_REACHED, reserveContacts } from "./limit";
import { toColumns, type ContactColumns } from "./normalize";

class LimitReached extends Error {}

/** Fields worth keeping in the audit trail (not derived or search columns). */
function auditView(contact: Partial<Contact>) {
  const { searchText: _search, attributeText: _attrText, phoneDigits: _digits, workspaceId: _ws, updatedAt: _u, updatedBy: _ub, ...rest } = contact;
  return rest;
}

function changedFields(before: Contact, after: Contact) {
  const changed: Record<string, { before: unknown; after: unknown }> = {};
  const a = auditView(before) as Record<string, unknown>;
  const b = auditView(after) as Record<string, unknown>;
  for (const key of Object.keys(b)) {
    if (JSON.stringify(a[key]) !== JSON.stringify(b[key])) changed[key] = { before: a[key], after: b[key] };
  }
  return changed;
}

export async function createContact(ctx: Ctx, input: CreateContactInput): Promise<Result<Contact>> {
  const normalized = toColumns(input, ctx.actor.workspace.defaultCountry);
  if (!normalized.ok) return normalized;
  const columns: ContactColumns = normalized.columns;
  const resolved = await resolveExtras(ctx, input);
  if (!resolved.ok) return resolved;
  const { attributes, listIds } = resolved.extras;
  try {
    const contact = await ctx.db.transaction(async (tx) => {
      if (!(await reserveContacts(tx, ctx.workspaceId, 1))) throw new LimitReached();
      const [created] = await tx
        .insert(contacts)
        .values({
          ...columns,
          ...(attributes ? { attributes: attributes.values, attributeText: attributes.text } : {}),
          workspaceId: ctx.workspaceId,
          source: input.source ?? "manual",
          createdBy: ctx.actor.userId,
          updatedBy: ctx.actor.userId,
        })
        .returning();
      if (input.favorite) {
        await tx.insert(favorites).values({ workspaceId: ctx.workspaceId, userId: ctx.actor.userId, contactId: created.id });
      }
      const memberships = listIds?.length ? await setContactLists(tx, ctx, created.id, listIds) : null;
      await recordAudit(tx, ctx, {
        action: "contact.created",
        entityType: "contact",
        entityId: created.id,
        after: { ...auditView(created), ...(memberships ? { lists: memberships.added } : {}) },
      });
      return created;
    });
    return ok(contact);
  } catch (error) {
    if (error instanceof LimitReached) return fail("limit", LIMIT_REACHED);
    const duplicate = await duplicateResult(ctx, error, columns);
    if (duplicate) return duplicate;
    throw error;
  }
}

export async function updateContact(ctx: Ctx, input: UpdateContactInput): Promise<Result<Contact>> {
  const normalized = toColumns(input, ctx.actor.workspace.defaultCountry);
  if (!normalized.ok) return normalized;
  const columns = normalized.columns;
  const resolved = await resolveExtras(ctx, input);
  if (!resolved.ok) return resolved;
  const { attributes, listIds } = resolved.extras;
  try {
    return await ctx.db.transaction(async (tx) => {
      const scope = and(eq(contacts.workspaceId, ctx.workspaceId), eq(contacts.id, input.id));
      const [before] = await tx.select().from(contacts).where(scope).for("update");
      if (!before) return notFound();
      const [after] = await tx
        .update(contacts)
        .set({
          ...columns,
          ...(attributes ? { attributes: attributes.values, attributeText: attributes.text } : {}),
          updatedBy: ctx.actor.userId,
          updatedAt: new Date(),
        })
        .where(scope)
        .returning();
      const changes = changedFields(before, after);
      const memberships = listIds ? await setContactLists(tx, ctx, after.id, listIds) : null;
      const listChange = memberships && (memberships.added.length > 0 || memberships.removed.length > 0);
      if (Object.keys(changes).length > 0 || listChange) {
        await recordAudit(tx, ctx, {
          action: "contact.updated",
          entityType: "contact",
          entityId: after.id,
          before: {
            ...Object.fromEntries(Object.entries(changes).map(([k, v]) => [k, v.before])),
            ...(listChange ? { listsRemoved: memberships.removed } : {}),
          },
          after: {
            ...Object.fromEntries(Object.entries(changes).map(([k, v]) => [k, v.after])),
            ...(listChange ? { listsAdded: memberships.added } : {}),
          },
        });
      }
      return ok(after);
    });
  } catch (error) {
    const duplicate = await duplicateResult(ctx, error, columns);
    if (duplicate) return duplicate;
    throw error;
  }
}
