import { sql } from "drizzle-orm";
import { queryRows } from "@/db/query";
import type { Ctx } from "@/lib/auth/actor";
import { CHANNEL_LABELS, CONSENT_SOURCE_LABELS } from "@/lib/enum-labels";
import { formatPhone } from "./phone";

export type TimelineEntry = {
  id: string;
  kind: "session" | "consent" | "inbound" | "audit";
  at: Date;
  title: string;
  detail: string | null;
  actor: string | null;
};

// The rows carry enum values as text.
const CHANNEL: Record<string, string> = CHANNEL_LABELS;
const CONSENT_SOURCE: Record<string, string> = CONSENT_SOURCE_LABELS;
const AUDIT_TITLES: Record<string, string> = {
  "contact.created": "Created",
  "contact.updated": "Edited",
  "contact.blocked": "Blocked",
  "contact.unblocked": "Unblocked",
  "contact.starred": "Starred",
  "contact.unstarred": "Unstarred",
};

type Raw = { id: string; kind: TimelineEntry["kind"]; at: Date | string; a: string | null; b: string | null; c: string | null; actor: string | null };

/**
 * The contact's activity, newest first: sessions it was invited to, consent
 * changes, inbound messages, and edits from the audit log (consent changes
 * are shown from the ledger, not twice). Entries written in one transaction
 * share a timestamp (a STOP and the unsubscribe it caused; a contact's
 * creation and its first consent), so ties are broken by kind, effect above
 * cause as a newest-first list reads, then by id: the same order every load.
 */
export async function contactTimeline(ctx: Ctx, contactId: string, limit = 100): Promise<TimelineEntry[]> {
  const raw = await queryRows<Raw>(
    ctx.db,
    sql`(SELECT i.id::text AS id, 'session' AS kind, 4 AS rank, i.created_at AS at, s.title AS a, i.channel::text AS b, i.destination AS c, s.agent_name AS actor
         FROM invites i JOIN sessions s ON s.workspace_id = i.workspace_id AND s.id = i.session_id
         WHERE i.workspace_id = ${ctx.workspaceId} AND i.contact_id = ${contactId})
        UNION ALL
        (SELECT e.id::text, 'consent', 3, e.created_at, e.channel::text, e.new_state::text, e.source::text, e.actor_label
         FROM consent_events e WHERE e.workspace_id = ${ctx.workspaceId} AND e.contact_id = ${contactId})
        UNION ALL
        (SELECT m.message_id, 'inbound', 2, m.created_at, m.channel::text, m.body, m.keyword, m.sender
         FROM inbound_messages m WHERE m.workspace_id = ${ctx.workspaceId} AND m.contact_id = ${contactId})
        UNION ALL
        (SELECT a.id::text, 'audit', 1, a.created_at, a.action, a.after::text, NULL, a.actor_label
         FROM audit_log a WHERE a.workspace_id = ${ctx.workspaceId} AND a.entity_type = 'contact' AND a.entity_id = ${contactId}
           AND a.action <> 'contact.consent_changed' AND a.action NOT LIKE 'inbound.%')
        ORDER BY at DESC, rank DESC, id DESC LIMIT ${limit}`,
  );
  const country = ctx.actor.workspace.defaultCountry;
  return raw.map((r) => ({ id: `${r.kind}-${r.id}`, kind: r.kind, at: new Date(r.at), ...describe(r, country) }));
}

function describe(r: Raw, country: string): Pick<TimelineEntry, "title" | "detail" | "actor"> {
  const actor = r.actor?.replace(/ <.*>$/, "") ?? null;
  switch (r.kind) {
    case "session":
      return { title: `Session invite: ${r.a}`, detail: `By ${CHANNEL[r.b ?? ""] ?? r.b} to ${r.b === "email" ? r.c : formatPhone(r.c, country)}`, actor };
    case "consent":
      return { title: `${r.b === "subscribed" ? "Subscribed to" : "Unsubscribed from"} ${CHANNEL[r.a ?? ""] ?? r.a}`, detail: `Source: ${CONSENT_SOURCE[r.c ?? ""] ?? r.c}`, actor };
    case "inbound":
      return { title: `Message received by ${CHANNEL[r.a ?? ""] ?? r.a}`, detail: `“${(r.b ?? "").slice(0, 140)}”`, actor };
    default:
      return { title: AUDIT_TITLES[r.a ?? ""] ?? r.a ?? "Change", detail: editedFields(r.a, r.b), actor };
  }
}

function editedFields(action: string | null, after: string | null): string | null {
  if (action !== "contact.updated" || !after) return null;
  try {
    const keys = Object.keys(JSON.parse(after) as object);
    return keys.length > 0 ? `Changed: ${keys.join(", ")}` : null;
  } catch {
    return null;
  }
}
