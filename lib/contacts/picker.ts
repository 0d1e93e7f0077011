import { sql } from "drizzle-orm";
import { queryRows } from "@/db/query";
import type { Channel, ContactStatus } from "@/db/schema";
import type { Ctx } from "@/lib/auth/actor";
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
};

/**
 * The invite picker's search: up to `limit` matches, the user's favorites
 * first, then by name. No total is counted, so it stays fast at any size.
 */
export async function searchForPicker(ctx: Ctx, q: string, limit = 20): Promise<PickerContact[]> {
  const where = contactConditions(ctx, { q, favorites: false });
  const starred = sql`EXISTS (SELECT 1 FROM favorites f WHERE f.workspace_id = c.workspace_id AND f.contact_id = c.id AND f.user_id = ${ctx.actor.userId})`;
  const favorites = await queryRows<Raw>(
    ctx.db,
    sql`SELECT c.id, c.display_name, c.company, c.phone_e164, c.email, c.preferred_channel, c.status, true AS starred
        FROM contacts c WHERE ${where} AND ${starred} ORDER BY lower(c.display_name), c.id LIMIT ${limit}`,
  );
  const rest =
    favorites.length < limit
      ? await queryRows<Raw>(
          ctx.db,
          sql`SELECT c.id, c.display_name, c.company, c.phone_e164, c.email, c.preferred_channel, c.status, ${starred} AS starred
              FROM contacts c WHERE ${where} ORDER BY lower(c.display_name), c.id LIMIT ${limit}`,
        )
      : [];
  const seen = new Set(favorites.map((f) => f.id));
  const merged = [...favorites, ...rest.filter((r) => !seen.has(r.id))].slice(0, limit);
  const country = ctx.actor.workspace.defaultCountry;
  return merged.map((r) => ({
    id: r.id,
    name: r.display_name,
    company: r.company,
    phone: formatPhone(r.phone_e164, country),
    phoneE164: r.phone_e164,
    email: r.email,
    preferredChannel: r.preferred_channel,
    status: r.status,
    starred: r.starred,
  }));
}
