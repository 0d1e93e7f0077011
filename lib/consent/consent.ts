import { and, asc, desc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { channelEnum, consentEvents, contacts, type Channel, type ConsentEvent, type ConsentSource, type ConsentState } from "@/db/schema";
import type { Ctx } from "@/lib/auth/actor";
import { auditActorOf, recordAuditAs, type AuditActor } from "@/lib/audit/record";
import { CONSENT_COLUMN, consentChangeRefusal, consentOf } from "@/lib/contacts/consent-rules";
import { fieldError, notFound, ok, type Result } from "@/lib/result";


type Tx = Pick<Ctx["db"], "execute" | "insert" | "select">;

export type ConsentChange = {
  contactId: string;
  channel: Channel;
  state: Exclude<ConsentState, "not_subscribed">;
  source: ConsentSource;
  evidence?: unknown;
};

/**
 * Moves one contact's consent on one channel, and appends the event, in the
 * caller's transaction: the contact's state is always its last event's, and
 * records its source and time (the consent guard, db/sql, refuses a change
 * without them). Returns null when the contact is not in the workspace;
 * `changed: false` when it already had that state (no event is written);
 * `refused` when the consent rules keep the current state (a keyword opt-out
 * that only the person may lift).
 */
export async function applyConsentChange(
  tx: Tx,
  actor: AuditActor,
  change: ConsentChange,
): Promise<{ changed: boolean; old: ConsentState; refused?: string } | null> {
  const [row] = await tx
    .select()
    .from(contacts)
    .where(and(eq(contacts.workspaceId, actor.workspaceId), eq(contacts.id, change.contactId)))
    .for("update");
  if (!row) return null;
  const old = consentOf(row, change.channel).state;
  if (old === change.state) return { changed: false, old };
  const refused = consentChangeRefusal(row, change.channel, change.state, change.source);
  if (refused) return { changed: false, old, refused };
  const column = CONSENT_COLUMN[change.channel];
  await tx.execute(
    sql`UPDATE contacts SET ${sql.raw(column)} = ${change.state}, ${sql.raw(`${column}_source`)} = ${change.source},
          ${sql.raw(`${column}_changed_at`)} = clock_timestamp(), updated_at = now()
        WHERE workspace_id = ${actor.workspaceId} AND id = ${change.contactId}`,
  );
  await tx.insert(consentEvents).values({
    workspaceId: actor.workspaceId,
    contactId: change.contactId,
    channel: change.channel,
    oldState: old,
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
    before: { channel: change.channel, state: old },
    after: { channel: change.channel, state: change.state, source: change.source },
  });
  return { changed: true, old };
}

export const updateConsentInput = z.object({
  contactId: z.uuid({ error: "Unknown contact." }),
  channel: z.enum(channelEnum.enumValues, { error: "Choose SMS, WhatsApp or email." }),
  state: z.string(),
  note: z.string().trim().max(500, "Notes are at most 500 characters.").optional(),
});

/** The "Update consent" dialog and the API: subscribed ⇄ unsubscribed only; nobody sets not_subscribed by hand. */
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
      source: ctx.actor.apiKey ? "api" : "manual",
      evidence: input.note ? { note: input.note } : null,
    });
    if (!result) return notFound();
    if (result.refused) return fieldError("state", result.refused);
    return ok({ changed: result.changed });
  });
}

/**
 * The contact's consent history, newest first; changes made together (one
 * save of several channels) keep the channels' order, so the list is the
 * same on every load.
 */
export async function consentHistory(ctx: Ctx, contactId: string): Promise<ConsentEvent[]> {
  return ctx.db
    .select()
    .from(consentEvents)
    .where(and(eq(consentEvents.workspaceId, ctx.workspaceId), eq(consentEvents.contactId, contactId)))
    .orderBy(desc(consentEvents.createdAt), asc(consentEvents.channel), asc(consentEvents.id));
}
