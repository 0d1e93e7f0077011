import { and, eq } from "drizzle-orm";
import { contacts, type Contact } from "@/db/schema";
import type { Ctx } from "@/lib/auth/actor";
import { fieldError, notFound, ok, type Fail, type Result } from "@/lib/result";
import { findContactByReach, getContact } from "./get";
import { parsePhone } from "./phone";
import { normalizeEmail, type ContactFieldName, type ContactText } from "./rules";
import { createContact, updateContact } from "./write";

/*
 * Partial changes (the API's PATCH and upsert): the stored contact as text,
 * the given fields laid over it (null clears one), and the whole result
 * through the same rules and writer as the form. Nothing here checks a field.
 */

/** Fields to change: text sets, null clears, absent keeps. Attributes merge by key (null removes one); lists replace the set. */
export type ContactPatch = Partial<Record<ContactFieldName, string | null>> & {
  attributes?: Record<string, unknown>;
  lists?: string[];
};

/** A stored contact as the text a form would show for it. */
function textOf(c: Contact): ContactText {
  const text: Record<string, string | null> = {
    firstName: c.firstName,
    lastName: c.lastName,
    name: c.firstName || c.lastName ? null : c.displayName,
    company: c.company,
    phone: c.phoneE164,
    email: c.email,
    notes: c.notes,
    externalId: c.externalId,
    status: c.status,
    preferredChannel: c.preferredChannel,
    timezone: c.timezone,
    addressStreet: c.addressStreet,
    addressCity: c.addressCity,
    addressState: c.addressState,
    addressZip: c.addressZip,
    addressCountry: c.addressCountry,
  };
  return Object.fromEntries(Object.entries(text).filter(([, v]) => v !== null)) as ContactText;
}

function fieldsOf(patch: ContactPatch): Partial<Record<ContactFieldName, string | null>> {
  const { attributes: _a, lists: _l, ...fields } = patch;
  return fields;
}

function laidOver(base: ContactText, patch: ContactPatch): ContactText {
  const fields = fieldsOf(patch);
  const merged: Record<string, string | undefined> = { ...base };
  // A whole name replaces first and last unless they are given too; first or last replaces a whole name.
  if ("name" in fields && !("firstName" in fields) && !("lastName" in fields)) {
    delete merged.firstName;
    delete merged.lastName;
  } else if ("firstName" in fields || "lastName" in fields) delete merged.name;
  for (const [key, value] of Object.entries(fields)) merged[key] = value ?? undefined;
  return merged as ContactText;
}

function mergedAttributes(stored: Record<string, unknown>, given: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  if (given === undefined) return undefined;
  const out = { ...stored };
  for (const [key, value] of Object.entries(given)) {
    if (value === null) delete out[key];
    else out[key] = value;
  }
  return out;
}

export async function patchContact(ctx: Ctx, id: string, patch: ContactPatch): Promise<Result<Contact>> {
  const existing = await getContact(ctx, id);
  if (!existing) return notFound();
  return updateContact(ctx, { ...laidOver(textOf(existing), patch), id, attributes: mergedAttributes(existing.attributes, patch.attributes), lists: patch.lists });
}

export async function createFromPatch(ctx: Ctx, patch: ContactPatch): Promise<Result<Contact>> {
  return createContact(ctx, { ...laidOver({}, patch), attributes: patch.attributes, lists: patch.lists });
}

export type Identifier = { kind: "phone" | "email" | "externalId"; value: string };
const FIELD = { phone: "phone", email: "email", externalId: "externalId" } as const;

/** The identifier as the contacts table keys it (E.164, lower-case email, trimmed ID), or why it is none. */
function normalized(ctx: Ctx, id: Identifier): { ok: true; value: string } | Fail {
  if (id.kind === "phone") {
    const parsed = parsePhone(id.value, ctx.actor.workspace.defaultCountry);
    return parsed.ok ? { ok: true, value: parsed.phone.e164 } : fieldError("phone", parsed.message);
  }
  if (id.kind === "email") {
    const checked = normalizeEmail(id.value);
    return checked.ok ? { ok: true, value: checked.email } : fieldError("email", checked.message);
  }
  const value = id.value.trim();
  return value && value.length <= 200 ? { ok: true, value } : fieldError("externalId", "An external ID is 1 to 200 characters.");
}

async function findBy(ctx: Ctx, kind: Identifier["kind"], value: string): Promise<Contact | null> {
  if (kind !== "externalId") return findContactByReach(ctx.db, ctx.workspaceId, kind === "phone" ? "sms" : "email", value);
  const [row] = await ctx.db.select().from(contacts).where(and(eq(contacts.workspaceId, ctx.workspaceId), eq(contacts.externalId, value))).limit(1);
  return row ?? null;
}

/** The contact holding this identifier (normalized as the upsert does), or null; a malformed identifier is a field error. */
export async function findByIdentifier(ctx: Ctx, identifier: Identifier): Promise<Result<Contact | null>> {
  const key = normalized(ctx, identifier);
  return key.ok ? ok(await findBy(ctx, identifier.kind, key.value)) : key;
}

/**
 * Updates the contact that holds this phone, email or external ID (in any
 * format the form accepts: the same identity as the UI), or creates it.
 * Two upserts racing on a new identifier: the loser's insert meets the
 * unique index and it updates the winner's contact instead.
 */
export async function upsertContact(ctx: Ctx, identifier: Identifier, patch: ContactPatch): Promise<Result<{ contact: Contact; created: boolean }>> {
  const key = normalized(ctx, identifier);
  if (!key.ok) return key;
  const field = FIELD[identifier.kind];
  const given = patch[field];
  if (given !== undefined) {
    const same = given !== null && normalized(ctx, { kind: identifier.kind, value: given });
    if (!same || !same.ok || same.value !== key.value) {
      return fieldError(field, `The ${field === "externalId" ? "external ID" : field} in the body must be the one in the path (or be left out).`);
    }
  }
  const withKey = { ...patch, [field]: key.value };
  for (let attempt = 0; attempt < 2; attempt++) {
    const existing = await findBy(ctx, identifier.kind, key.value);
    if (existing) {
      const updated = await patchContact(ctx, existing.id, withKey);
      return updated.ok ? ok({ contact: updated.data, created: false }) : updated;
    }
    const created = await createFromPatch(ctx, withKey);
    if (created.ok) return ok({ contact: created.data, created: true });
    // Someone else created it meanwhile (the duplicate names our identifier): update theirs.
    if (!(created.code === "conflict" && created.fieldErrors?.[field])) return created;
  }
  return fieldError(field, "This contact changed while it was saved. Try again.");
}
