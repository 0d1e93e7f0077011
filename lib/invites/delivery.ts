import { outbox, type Channel } from "@/db/schema";
import type { Ctx } from "@/lib/auth/actor";

/**
 * How an invite leaves Switchboard. The transport is called inside the
 * transaction that records the session, so a message is handed over exactly
 * when the session exists. See docs/delivery.md.
 */
export type OutgoingMessage = {
  workspaceId: string;
  inviteId: string;
  channel: Channel;
  /** E.164 number for SMS and WhatsApp, address for email. */
  to: string;
  subject: string | null;
  body: string;
};

export interface DeliveryTransport {
  readonly name: string;
  deliver(tx: Pick<Ctx["db"], "insert">, message: OutgoingMessage): Promise<{ reference: string }>;
}

/**
 * Built in: writes the message to the outbox table (the Outbox page shows
 * it). Real SMS, WhatsApp or email providers are adapters with the same
 * shape; the outbox is also where a provider worker would pick messages up.
 */
export const outboxTransport: DeliveryTransport = {
  name: "outbox",
  async deliver(tx, message) {
    const [row] = await tx
      .insert(outbox)
      .values({
        workspaceId: message.workspaceId,
        inviteId: message.inviteId,
        channel: message.channel,
        recipient: message.to,
        subject: message.subject,
        body: message.body,
      })
      .returning({ id: outbox.id });
    return { reference: row.id };
  },
};

export function deliveryTransport(): DeliveryTransport {
  return outboxTransport;
}
