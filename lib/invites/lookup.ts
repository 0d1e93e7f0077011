import type { Channel } from "@/db/schema";
import { findContactByReach } from "@/lib/contacts/get";
import type { Ctx } from "@/lib/auth/actor";
import { normalizeReach } from "@/lib/contacts/rules";

export type LookupResult =
  | { ok: false; message: string }
  | { ok: true; normalized: string; match: { id: string; name: string; company: string | null } | null };

/** What the invite form shows as the agent types a number or address. */
export async function lookupDestination(ctx: Ctx, channel: Channel, raw: string): Promise<LookupResult> {
  const destination = normalizeReach(channel, raw, ctx.actor.workspace.defaultCountry);
  if (!destination.ok) return { ok: false, message: destination.message };
  const contact = await findContactByReach(ctx.db, ctx.workspaceId, channel, destination.value);
  return {
    ok: true,
    normalized: destination.value,
    match: contact ? { id: contact.id, name: contact.displayName, company: contact.company } : null,
  };
}
