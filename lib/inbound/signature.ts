import crypto from "node:crypto";

/*
 * Inbound webhooks are signed as Standard Webhooks (standardwebhooks.com)
 * signs them, so a provider can use any of its libraries: the signed content
 * is `webhook-id.webhook-timestamp.body`, and a timestamp more than five
 * minutes from the server's time is refused. A captured request therefore
 * replays only inside that window, where the message id catches it.
 */

export const WEBHOOK_ID_HEADER = "webhook-id";
export const WEBHOOK_TIMESTAMP_HEADER = "webhook-timestamp";
export const WEBHOOK_SIGNATURE_HEADER = "webhook-signature";
export const TOLERANCE_SECONDS = 5 * 60;

const SECRET_PREFIX = "whsec_";

/**
 * The stored secret is 32 random bytes in hex; what settings show (and a
 * Standard Webhooks library takes) is those bytes in base64 after `whsec_`.
 */
export function displaySecret(storedSecret: string): string {
  return SECRET_PREFIX + signingKey(storedSecret).toString("base64");
}

function signingKey(storedSecret: string): Buffer {
  return Buffer.from(storedSecret, "hex");
}

/** `v1,<base64 HMAC-SHA256 of id.timestamp.body>` */
export function signMessage(storedSecret: string, webhookId: string, timestamp: string, rawBody: string): string {
  return `v1,${crypto.createHmac("sha256", signingKey(storedSecret)).update(`${webhookId}.${timestamp}.${rawBody}`, "utf8").digest("base64")}`;
}

export type Signed = { webhookId: string | null; timestamp: string | null; signature: string | null; rawBody: string };

/**
 * "valid", "invalid" (missing parts or no signature matches) or "stale" (the
 * signature matches but the timestamp is outside the window). The header may
 * list several space-separated signatures (a sender rotating secrets); one
 * match is enough.
 */
export function verifySignature(storedSecret: string, signed: Signed, nowSeconds = Math.floor(Date.now() / 1000)): "valid" | "invalid" | "stale" {
  const { webhookId, timestamp, signature } = signed;
  if (!webhookId || !timestamp || !signature || !/^\d{1,12}$/.test(timestamp)) return "invalid";
  const expected = Buffer.from(signMessage(storedSecret, webhookId, timestamp, signed.rawBody));
  const matches = signature
    .split(" ")
    .map((given) => Buffer.from(given))
    .some((given) => given.length === expected.length && crypto.timingSafeEqual(given, expected));
  if (!matches) return "invalid";
  return Math.abs(nowSeconds - Number(timestamp)) > TOLERANCE_SECONDS ? "stale" : "valid";
}
