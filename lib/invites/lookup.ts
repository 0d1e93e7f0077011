import type { Channel } from "@/db/schema";
import { findContactByReach } from "@/lib/contacts/get";
import type { Ctx } from "@/lib/auth/actor";
import { inviteRefusal, invitableChannels } from "@/lib/contacts/consent-rules";
import { formatPhone } from "@/lib/contacts/phone";
import { normalizeReach } from "@/lib/contacts/rules";

export type LookupMatch = {
  id: string;
  name: string;
  company: string | null;
  /** Why Send would refuse this contact on the chosen channel (blocked, unsubscribed), or null. */
  refusal: string | null;
  /** The channels an invite to this contact may use instead, and where each goes. */
  allowedChannels: Channel[];
  phone: string | null;
  email: string | null;
};

export type LookupResult = { ok: false; message: string } | { ok: true; normalized: string; match: LookupMatch | null };

/**
 * What the invite form shows as the agent types a number or address: the
 * matching contact and, before Send, whether Send would refuse it (the same
 * rule Send applies, lib/contacts/consent-rules.ts).
 */
export async function lookupDestination(ctx: Ctx, channel: Channel, raw: string): Promise<LookupResult> {
  const destination = normalizeReach(channel, raw, ctx.actor.workspace.defaultCountry);
  if (!destination.ok) return { ok: false, message: destination.message };
  const contact = await findContactByReach(ctx.db, ctx.workspaceId, channel, destination.value);
  return {
    ok: true,
    normalized: destination.value,
    match: contact
      ? {
          id: contact.id,
          name: contact.displayName,
          company: contact.company,
          refusal: inviteRefusal(contact, channel),
          allowedChannels: invitableChannels(contact),
          phone: contact.phoneE164 ? formatPhone(contact.phoneE164, ctx.actor.workspace.defaultCountry) : null,
          email: contact.email,
        }
      : null,
  };
}
