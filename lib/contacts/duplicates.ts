import { and, eq, type SQL } from "drizzle-orm";
import { isUniqueViolation } from "@/db/errors";
import { contacts } from "@/db/schema";
import type { Ctx } from "@/lib/auth/actor";
import { fail, type Fail } from "@/lib/result";
import type { ContactColumns } from "./rules";

// Which unique index guards which field; the database decides, we only explain.
const UNIQUE_FIELDS = [
  { constraint: "contacts_phone_key", field: "phone", column: contacts.phoneE164, value: (c: ContactColumns) => c.phoneE164 },
  { constraint: "contacts_email_key", field: "email", column: contacts.email, value: (c: ContactColumns) => c.email },
  {
    constraint: "contacts_external_id_key",
    field: "externalId",
    column: contacts.externalId,
    value: (c: ContactColumns) => c.externalId,
  },
] as const;

/**
 * Turns a unique violation from saving `columns` into "Already in contacts:
 * Jane Doe" on the right field, with the existing contact to link to.
 * Returns null when the error is not a contact duplicate.
 */
export async function duplicateResult(ctx: Ctx, error: unknown, columns: ContactColumns): Promise<Fail | null> {
  for (const unique of UNIQUE_FIELDS) {
    const value = unique.value(columns);
    if (!value || !isUniqueViolation(error, unique.constraint)) continue;
    const where: SQL = and(eq(contacts.workspaceId, ctx.workspaceId), eq(unique.column, value))!;
    const [existing] = await ctx.db.select({ id: contacts.id, name: contacts.displayName }).from(contacts).where(where).limit(1);
    const message = existing ? `Already in contacts: ${existing.name}` : "Already in contacts.";
    return { ...fail("conflict", message, { [unique.field]: message }), ...(existing ? { existing } : {}) };
  }
  return null;
}
