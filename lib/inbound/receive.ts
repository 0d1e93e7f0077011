import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { queryRows } from "@/db/query";
import { channelEnum, workspaces, type Channel } from "@/db/schema";
import { isUuid } from "@/lib/auth/actor";
import { recordAuditAs, type AuditActor } from "@/lib/audit/record";
import { applyConsentChange } from "@/lib/consent/consent";
import { keywordEffect } from "@/lib/consent/keywords";
import { findContactByReach } from "@/lib/contacts/get";
import { normalizeReach } from "@/lib/contacts/rules";
import { TOLERANCE_SECONDS, verifySignature, type Signed } from "./signature";

export const WORKSPACE_HEADER = "x-switchboard-workspace";

const messageSchema = z.object({
  channel: z.enum(channelEnum.enumValues),
  from: z.string().trim().min(1).max(320),
  body: z.string().max(5000),
  messageId: z.string().trim().min(1).max(200),
});

export type InboundResult =
  | { status: 401; error: string }
  | { status: 400; error: string }
  | { status: 200; duplicate: boolean; contactId: string | null; applied: "subscribed" | "unsubscribed" | null };

const UNAUTHORIZED = { status: 401 as const, error: "Missing or invalid signature (webhook-id, webhook-timestamp, webhook-signature: see docs/webhooks.md)." };
const STALE = { status: 401 as const, error: `The webhook-timestamp is more than ${TOLERANCE_SECONDS / 60} minutes from the server's time: check the sender's clock.` };

/**
 * The inbound-message webhook. Authenticates by signature (Standard Webhooks:
 * id, timestamp within 5 minutes, body; lib/inbound/signature.ts) before
 * reading anything; records each provider message id once (a replay inside
 * the window changes nothing); applies opt-out / opt-in keywords to the
 * sender's consent on that channel. An unknown sender creates no contact.
 */
export async function receiveInbound(db: Db, input: Signed & { workspaceId: string | null }): Promise<InboundResult> {
  if (!input.workspaceId || !isUuid(input.workspaceId)) return UNAUTHORIZED;
  const [workspace] = await db
    .select({ id: workspaces.id, secret: workspaces.inboundSecret, country: workspaces.defaultCountry })
    .from(workspaces)
    .where(eq(workspaces.id, input.workspaceId));
  if (!workspace) return UNAUTHORIZED;
  const verified = verifySignature(workspace.secret, input);
  if (verified !== "valid") return verified === "stale" ? STALE : UNAUTHORIZED;

  let json: unknown;
  try {
    json = JSON.parse(input.rawBody);
  } catch {
    return { status: 400, error: "The body must be JSON: { channel, from, body, messageId }." };
  }
  const parsed = messageSchema.safeParse(json);
  if (!parsed.success) return { status: 400, error: "Expected { channel: sms|whatsapp|email, from, body, messageId }." };
  const message = parsed.data;

  return db.transaction(async (tx) => {
    const contactId = await findSender(tx, workspace.id, workspace.country, message.channel, message.from);
    const effect = keywordEffect(message.body);
    const inserted = await queryRows(
      tx,
      sql`INSERT INTO inbound_messages (workspace_id, message_id, channel, sender, body, contact_id, keyword)
          VALUES (${workspace.id}, ${message.messageId}, ${message.channel}, ${message.from}, ${message.body}, ${contactId}, ${effect?.keyword ?? null})
          ON CONFLICT DO NOTHING RETURNING message_id`,
    );
    if (inserted.length === 0) return { status: 200 as const, duplicate: true, contactId, applied: null };
    if (!contactId || !effect) return { status: 200 as const, duplicate: false, contactId, applied: null };
    const actor: AuditActor = { workspaceId: workspace.id, actorUserId: null, actorLabel: `Inbound ${message.channel} message from ${message.from}` };
    await applyConsentChange(tx, actor, {
      contactId,
      channel: message.channel,
      state: effect.state,
      source: "keyword",
      evidence: { messageId: message.messageId, body: message.body },
    });
    await recordAuditAs(tx, actor, {
      action: "inbound.keyword",
      entityType: "contact",
      entityId: contactId,
      after: { keyword: effect.keyword, channel: message.channel },
    });
    return { status: 200 as const, duplicate: false, contactId, applied: effect.state };
  });
}

/** The sender's contact: the contact rules normalize the address, then the one lookup by phone or email. */
async function findSender(db: Pick<Db, "select">, workspaceId: string, country: string, channel: Channel, from: string): Promise<string | null> {
  const sender = normalizeReach(channel, from, country);
  if (!sender.ok) return null;
  return (await findContactByReach(db, workspaceId, channel, sender.value))?.id ?? null;
}
