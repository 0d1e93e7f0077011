import { and, eq } from "drizzle-orm";
import { contacts, type Channel, type Contact } from "@/db/schema";
import type { Ctx } from "@/lib/auth/actor";
import { normalizeDestination } from "./destination";

/** The contact (of this workspace) that owns a normalized phone or email, if any. */
export async function findByDestination(ctx: Pick<Ctx, "db" | "workspaceId">, channel: Channel, value: string): Promise<Contact | null> {
  const column = channel === "email" ? contacts.email : contacts.phoneE164;
  const [contact] = await ctx.db
    .select()
    .from(contacts)
    .where(and(eq(contacts.workspaceId, ctx.workspaceId), eq(column, value)))
    .limit(1);
  return contact ?? null;
}

export type LookupResult =
  | { ok: false; message: string }
  | { ok: true; normalized: string; match: { id: string; name: string; company: string | null } | null };

/** What the invite form shows as the agent types a number or address. */
export async function lookupDestination(ctx: Ctx, channel: Channel, raw: string): Promise<LookupResult> {
  const destination = normalizeDestination(channel, raw, ctx.actor.workspace.defaultCountry);
  if (!destination.ok) return { ok: false, message: destination.message };
  const contact = await findByDestination(ctx, channel, destination.value);
  return {
    ok: true,
    normalized: destination.value,
    match: contact ? { id: contact.id, name: contact.displayName, company: contact.company } : null,
  };
}
