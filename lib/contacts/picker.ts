import { sql } from "drizzle-orm";
import { queryRows } from "@/db/query";
import type { Channel, ConsentSource, ConsentState, ContactStatus } from "@/db/schema";
import type { Ctx } from "@/lib/auth/actor";
import { invitableChannels, unsubscribedChannels, type ConsentRecord } from "./consent-rules";
import { contactConditions } from "./filters";
import { formatPhone } from "./phone";

export type PickerContact = {
  id: string;
  name: string;
  company: string | null;
  phone: string;
  phoneE164: string | null;
  email: string | null;
  preferredChannel: Channel | null;
  status: ContactStatus;
  starred: boolean;
  /** Channels the contact unsubscribed from: marked in the list like Blocked. */
  unsubscribed: Channel[];
  /** Channels an invite may use (reach present, not blocked, not unsubscribed). */
  allowedChannels: Channel[];
};

type Raw = {
  id: string;
  display_name: string;
  company: string | null;
  phone_e164: string | null;
  email: string | null;
  preferred_channel: Channel | null;
  status: ContactStatus;
  starred: boolean;
  consent_sms: ConsentState;
  consent_sms_source: ConsentSource | null;
  consent_whatsapp: ConsentState;
  consent_whatsapp_source: ConsentSource | null;
  consent_email: ConsentState;
  consent_email_source: ConsentSource | null;
};

const COLUMNS = sql`c.id, c.display_name, c.company, c.phone_e164, c.email, c.preferred_channel, c.status,
  c.consent_sms, c.consent_sms_source, c.consent_whatsapp, c.consent_whatsapp_source, c.consent_email, c.consent_email_source`;

/** A picker row's consent for the consent rules; the change times only word a refusal's message, which the picker does not show. */
function consentRecord(r: Raw): ConsentRecord {
  return {
    consentSms: r.consent_sms,
    consentSmsSource: r.consent_sms_source,
    consentSmsChangedAt: null,
    consentWhatsapp: r.consent_whatsapp,
    consentWhatsappSource: r.consent_whatsapp_source,
    consentWhatsappChangedAt: null,
    consentEmail: r.consent_email,
    consentEmailSource: r.consent_email_source,
    consentEmailChangedAt: null,
  };
}

/**
 * The invite picker's search: up to `limit` matches, the user's favorites
 * first, then by name. No total is counted, so it stays fast at any size.
 */
export async function searchForPicker(ctx: Ctx, q: string, limit = 20): Promise<PickerContact[]> {
  const where = contactConditions(ctx, { q, favorites: false });
  const starred = sql`EXISTS (SELECT 1 FROM favorites f WHERE f.workspace_id = c.workspace_id AND f.contact_id = c.id AND f.user_id = ${ctx.actor.userId})`;
  const favorites = await queryRows<Raw>(
    ctx.db,
    sql`SELECT ${COLUMNS}, true AS starred
        FROM contacts c WHERE ${where} AND ${starred} ORDER BY lower(c.display_name), c.id LIMIT ${limit}`,
  );
  const rest =
    favorites.length < limit
      ? await queryRows<Raw>(
          ctx.db,
          sql`SELECT ${COLUMNS}, ${starred} AS starred
              FROM contacts c WHERE ${where} ORDER BY lower(c.display_name), c.id LIMIT ${limit}`,
        )
      : [];
  const seen = new Set(favorites.map((f) => f.id));
  const merged = [...favorites, ...rest.filter((r) => !seen.has(r.id))].slice(0, limit);
  const country = ctx.actor.workspace.defaultCountry;
  return merged.map((r) => {
    const consent = consentRecord(r);
    return {
      id: r.id,
      name: r.display_name,
      company: r.company,
      phone: formatPhone(r.phone_e164, country),
      phoneE164: r.phone_e164,
      email: r.email,
      preferredChannel: r.preferred_channel,
      status: r.status,
      starred: r.starred,
      unsubscribed: unsubscribedChannels(consent),
      allowedChannels: invitableChannels({ ...consent, displayName: r.display_name, status: r.status, phoneE164: r.phone_e164, email: r.email }),
    };
  });
}
