import { and, eq } from "drizzle-orm";
import { contacts, favorites, type Contact } from "@/db/schema";
import type { Ctx } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { fail, notFound, ok, type Fail, type Result } from "@/lib/result";
import { duplicateResult } from "./duplicates";
import { listAttributeDefinitions } from "@/lib/attributes/definitions";
import { resolveListChoice, setContactLists } from "./extras";
import type { CreateContactInput, UpdateContactInput } from "./input";
import { isLimitReached, LIMIT_REACHED } from "./limit";
import { checkedContact, type ContactColumns } from "./rules";

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

/** The form's (or API's) fields through the contact rules, and its list choice; every problem at once. */
async function prepare(ctx: Ctx, input: CreateContactInput | UpdateContactInput): Promise<{ ok: true; columns: ContactColumns; listIds: string[] | undefined } | Fail> {
  const definitions = input.attributes !== undefined ? await listAttributeDefinitions(ctx) : undefined;
  const checked = checkedContact(input, input.attributes, { country: ctx.actor.workspace.defaultCountry, definitions });
  if (!checked.ok) return checked;
  const lists = await resolveListChoice(ctx, input.lists);
  if (!lists.ok) return lists;
  return { ok: true, columns: checked.columns, listIds: lists.listIds };
}

/** The columns to write: attributes only when the caller gave them (an edit keeps the stored ones otherwise). */
function writable({ attributes, attributeText, ...columns }: ContactColumns) {
  return attributes === null ? columns : { ...columns, attributes, attributeText };
}

export async function createContact(ctx: Ctx, input: CreateContactInput): Promise<Result<Contact>> {
  const prepared = await prepare(ctx, input);
  if (!prepared.ok) return prepared;
  const { columns, listIds } = prepared;
  try {
    const contact = await ctx.db.transaction(async (tx) => {
      const [created] = await tx
        .insert(contacts)
        .values({
          ...writable(columns),
          workspaceId: ctx.workspaceId,
          // A key writes as the API: the source is the actor's, not the caller's to claim.
          source: input.source ?? (ctx.actor.apiKey ? "api" : "manual"),
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
    if (isLimitReached(error)) return fail("limit", LIMIT_REACHED);
    const duplicate = await duplicateResult(ctx, error, columns);
    if (duplicate) return duplicate;
    throw error;
  }
}

export async function updateContact(ctx: Ctx, input: UpdateContactInput): Promise<Result<Contact>> {
  const prepared = await prepare(ctx, input);
  if (!prepared.ok) return prepared;
  const { columns, listIds } = prepared;
  try {
    return await ctx.db.transaction(async (tx) => {
      const scope = and(eq(contacts.workspaceId, ctx.workspaceId), eq(contacts.id, input.id));
      const [before] = await tx.select().from(contacts).where(scope).for("update");
      if (!before) return notFound();
      const [after] = await tx
        .update(contacts)
        .set({
          ...writable(columns),
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
