import crypto from "node:crypto";
import { signMessage } from "@/lib/inbound/signature";

/** What a provider sends with a message signed now (Standard Webhooks): a fresh id, this second's timestamp, the signature. */
export function signedInbound(storedSecret: string, rawBody: string, at: { webhookId?: string; timestamp?: string } = {}) {
  const webhookId = at.webhookId ?? `msg_${crypto.randomBytes(8).toString("hex")}`;
  const timestamp = at.timestamp ?? String(Math.floor(Date.now() / 1000));
  return { webhookId, timestamp, signature: signMessage(storedSecret, webhookId, timestamp, rawBody), rawBody };
}
