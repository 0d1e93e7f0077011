import { and, asc, desc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { queryRows } from "@/db/query";
import { channelEnum, consentEvents, contacts, type Channel, type ConsentEvent, type ConsentSource, type ConsentState } from "@/db/schema";
import type { Ctx } from "@/lib/auth/actor";
import { auditActorOf, recordAuditAs, type AuditActor } from "@/lib/audit/record";
import { fieldError, notFound, ok, type Result } from "@/lib/result";

export const CONSENT_COLUMN = { sms: "consent_sms", whatsapp: "consent_whatsapp", email: "consent_email" } as const;
export const CHANNEL_LABELS: Record<Channel, string> = { sms: "SMS", whatsapp: "WhatsApp", email: "Email" };

type Tx = Pick<Ctx["db"], "execute" | "insert">;

export type ConsentChange = {
  contactId: string;
  channel: Channel;
  state: Exclude<ConsentState, "not_subscribed">;
  source: ConsentSource;
  evidence?: unknown;
};

/**
 * Moves one contact's consent on one channel, and appends the event, in the
 * caller's transaction: the contact's state is always its last event's.
 * Returns null when the contact is not in the workspace; `changed: false`
 * when it already had that state (no event is written).
 */
export async function applyConsentChange(tx: Tx, actor: AuditActor, change: ConsentChange): Promise<{ changed: boolean; old: ConsentState } | null> {
  const column = sql.raw(CONSENT_COLUMN[change.channel]);
  const [row] = await queryRows<{ old: ConsentState }>(
    tx,
    sql`SELECT ${column} AS old FROM contacts WHERE workspace_id = ${actor.workspaceId} AND id = ${change.contactId} FOR UPDATE`,
  );
  if (!row) return null;
  if (row.old === change.state) return { changed: false, old: row.old };
  await tx.execute(
    sql`UPDATE contacts SET ${column} = ${change.state}, updated_at = now() WHERE workspace_id = ${actor.workspaceId} AND id = ${change.contactId}`,
  );
  await tx.insert(consentEvents).values({
    workspaceId: actor.workspaceId,
    contactId: change.contactId,
    channel: change.channel,
    oldState: row.old,
    newState: change.state,
    source: change.source,
    actorUserId: actor.actorUserId,
    actorLabel: actor.actorLabel,
    evidence: change.evidence ?? null,
  });
  await recordAuditAs(tx, actor, {
    action: "contact.consent_changed",
    entityType: "contact",
    entityId: change.contactId,
    before: { channel: change.channel, state: row.old },
    after: { channel: change.channel, state: change.state, source: change.source },
  });
  return { changed: true, old: row.old };
}

export const updateConsentInput = z.object({
  contactId: z.uuid({ error: "Unknown contact." }),
  channel: z.enum(channelEnum.enumValues, { error: "Choose SMS, WhatsApp or email." }),
  state: z.string(),
  note: z.string().trim().max(500, "Notes are at most 500 characters.").optional(),
});

/** The "Update consent" dialog: subscribed ⇄ unsubscribed only; nobody sets not_subscribed by hand. */
export async function updateConsent(ctx: Ctx, input: z.output<typeof updateConsentInput>): Promise<Result<{ changed: boolean }>> {
  if (input.state !== "subscribed" && input.state !== "unsubscribed") {
    return fieldError("state", "Consent can only be set to subscribed or unsubscribed.");
  }
  const state = input.state;
  return ctx.db.transaction(async (tx) => {
    const result = await applyConsentChange(tx, auditActorOf(ctx), {
      contactId: input.contactId,
      channel: input.channel,
      state,
      source: "manual",
      evidence: input.note ? { note: input.note } : null,
    });
    return result ? ok({ changed: result.changed }) : notFound();
  });
}

/** The contact's consent history, newest first. */
export async function consentHistory(ctx: Ctx, contactId: string): Promise<ConsentEvent[]> {
  return ctx.db
    .select()
    .from(consentEvents)
    .where(and(eq(consentEvents.workspaceId, ctx.workspaceId), eq(consentEvents.contactId, contactId)))
    .orderBy(desc(consentEvents.createdAt), asc(consentEvents.id));
}

/** Why an invite over `channel` must not go to this contact, or null. */
export function inviteRefusal(
  contact: Pick<typeof contacts.$inferSelect, "displayName" | "status" | "consentSms" | "consentWhatsapp" | "consentEmail">,
  channel: Channel,
): string | null {
  if (contact.status === "blocked") return `${contact.displayName} is blocked and cannot be invited. Unblock the contact first.`;
  const state = { sms: contact.consentSms, whatsapp: contact.consentWhatsapp, email: contact.consentEmail }[channel];
  if (state === "unsubscribed") {
    return `${contact.displayName} unsubscribed from ${CHANNEL_LABELS[channel]}. Invite them another way, or record their new consent first.`;
  }
  return null;
}
