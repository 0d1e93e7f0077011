import crypto from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { channelEnum, contacts, invites, sessions, type Channel, type Contact } from "@/db/schema";
import type { Ctx } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { inviteRefusal } from "@/lib/contacts/consent-rules";
import { contactFieldsSchema } from "@/lib/contacts/input";
import { checkedContact, normalizeReach, type ContactColumns } from "@/lib/contacts/rules";
import { isLimitReached, LIMIT_REACHED } from "@/lib/contacts/limit";
import { fail, fieldError, notFound, ok, type Result } from "@/lib/result";
import { checkboxField } from "@/lib/validation/fields";
import { deliveryTransport } from "./delivery";

import { findContactByReach } from "@/lib/contacts/get";

const blank = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const optionalText = (label: string, max: number) =>
  z.preprocess(blank, z.string().trim().max(max, `${label} can be at most ${max} characters.`).optional());

export const sendInviteInput = z.object({
  title: z.string({ error: "Enter a session title." }).trim().min(1, "Enter a session title.").max(120, "Titles are at most 120 characters."),
  reference: optionalText("Reference", 100),
  channel: z.enum(channelEnum.enumValues, { error: "Choose SMS, WhatsApp or email." }),
  destination: z.string({ error: "Enter a recipient." }).max(320, "That recipient is too long."),
  contactId: z.preprocess(blank, z.uuid({ error: "Unknown contact." }).optional()),
  saveAsNew: checkboxField.optional(),
  // The new contact's fields: the contact rules check them (lib/contacts/rules.ts).
  firstName: contactFieldsSchema.shape.firstName,
  lastName: contactFieldsSchema.shape.lastName,
  company: contactFieldsSchema.shape.company,
});
export type SendInviteInput = z.output<typeof sendInviteInput>;

export type SentInvite = { sessionId: string; inviteId: string; contact: { id: string; name: string } | null; contactCreated: boolean };

class Refused extends Error {}

function joinUrl(code: string): string {
  const base = process.env.SESSION_JOIN_BASE_URL ?? `${process.env.NEXTAUTH_URL ?? "http://localhost:3000"}/join`;
  return `${base.replace(/\/$/, "")}/${code}`;
}

function messageFor(ctx: Ctx, title: string, code: string) {
  const link = joinUrl(code);
  return {
    subject: `Your session invite: ${title}`,
    body: `${ctx.actor.workspace.name}: ${ctx.actor.name} invites you to a video session, “${title}”. Join here: ${link}`,
  };
}

/**
 * Sends a session invite. The recipient is normalized and looked up in the
 * workspace's contacts whether Contacts Management is on or off (the toggle
 * hides the address book, never the rules): an existing contact is linked
 * (never duplicated) and checked against the contact rules (blocked, consent
 * for the channel); with the address book on, an unknown recipient may be
 * saved as a new contact in the same transaction, through the contact rules
 * and deduplicated by the unique index. Session, invite, contact activity
 * and the delivery hand-off commit together.
 */
export async function sendInvite(ctx: Ctx, input: SendInviteInput): Promise<Result<SentInvite>> {
  const destination = normalizeReach(input.channel, input.destination, ctx.actor.workspace.defaultCountry);
  if (!destination.ok) return fieldError("destination", destination.message);
  const contactsOn = ctx.actor.workspace.contactsEnabled;

  if (contactsOn && input.contactId) {
    const [picked] = await ctx.db
      .select({ id: contacts.id })
      .from(contacts)
      .where(and(eq(contacts.workspaceId, ctx.workspaceId), eq(contacts.id, input.contactId)));
    if (!picked) return notFound();
  }
  let contact: Contact | null = await findContactByReach(ctx.db, ctx.workspaceId, input.channel, destination.value);
  let newContact: ContactColumns | null = null;
  if (contactsOn && !contact && input.saveAsNew) {
    const reach = input.channel === "email" ? { email: destination.value } : { phone: destination.value };
    const checked = checkedContact(
      { firstName: input.firstName, lastName: input.lastName, company: input.company, ...reach, preferredChannel: input.channel },
      undefined,
      { country: ctx.actor.workspace.defaultCountry },
    );
    if (!checked.ok) return checked;
    newContact = checked.columns;
  }
  if (contact) {
    const refusal = inviteRefusal(contact, input.channel);
    if (refusal) return fieldError("destination", refusal);
  }

  try {
    return await ctx.db.transaction(async (tx) => {
      let contactCreated = false;
      if (newContact) {
        const saved = await saveNewContact(tx, ctx, newContact, input.channel);
        contact = saved.contact;
        contactCreated = saved.created;
        const refusal = inviteRefusal(contact, input.channel);
        if (refusal) throw new Refused(refusal);
      }
      const code = crypto.randomBytes(6).toString("base64url");
      const [session] = await tx
        .insert(sessions)
        .values({ workspaceId: ctx.workspaceId, title: input.title, reference: input.reference ?? null, agentUserId: ctx.actor.userId, agentName: ctx.actor.name, joinCode: code })
        .returning();
      const [invite] = await tx
        .insert(invites)
        .values({
          workspaceId: ctx.workspaceId,
          sessionId: session.id,
          channel: input.channel,
          destination: destination.value,
          contactId: contact?.id ?? null,
          contactName: contact?.displayName ?? null,
          status: "sent",
        })
        .returning();
      if (contact) {
        await tx.execute(
          sql`UPDATE contacts SET last_activity_at = now(), session_count = session_count + 1
              WHERE workspace_id = ${ctx.workspaceId} AND id = ${contact.id}`,
        );
      }
      const message = messageFor(ctx, input.title, code);
      await deliveryTransport().deliver(tx, {
        workspaceId: ctx.workspaceId,
        inviteId: invite.id,
        channel: input.channel,
        to: destination.value,
        subject: input.channel === "email" ? message.subject : null,
        body: message.body,
      });
      await recordAudit(tx, ctx, {
        action: "invite.sent",
        entityType: "session",
        entityId: session.id,
        after: { channel: input.channel, destination: destination.value, contactId: contact?.id ?? null, contactCreated },
      });
      return ok({ sessionId: session.id, inviteId: invite.id, contact: contact ? { id: contact.id, name: contact.displayName } : null, contactCreated });
    });
  } catch (error) {
    if (error instanceof Refused) return fieldError("destination", error.message);
    if (isLimitReached(error)) return fail("limit", LIMIT_REACHED);
    throw error;
  }
}

/**
 * Inserts the new contact unless another agent just saved the same number or
 * address (ON CONFLICT DO NOTHING on the unique index), in which case that
 * contact is used. (The database counts the contact and holds the limit.)
 */
async function saveNewContact(
  tx: Parameters<Parameters<Ctx["db"]["transaction"]>[0]>[0],
  ctx: Ctx,
  columns: ContactColumns,
  channel: Channel,
): Promise<{ contact: Contact; created: boolean }> {
  const { attributes: _none, attributeText: _noText, ...fields } = columns;
  const [created] = await tx
    .insert(contacts)
    .values({ ...fields, workspaceId: ctx.workspaceId, source: "invite", createdBy: ctx.actor.userId, updatedBy: ctx.actor.userId })
    .onConflictDoNothing()
    .returning();
  if (created) {
    await recordAudit(tx, ctx, { action: "contact.created", entityType: "contact", entityId: created.id, after: { displayName: created.displayName, source: "invite" } });
    return { contact: created, created: true };
  }
  const column = channel === "email" ? contacts.email : contacts.phoneE164;
  const value = channel === "email" ? columns.email! : columns.phoneE164!;
  const [existing] = await tx.select().from(contacts).where(and(eq(contacts.workspaceId, ctx.workspaceId), eq(column, value)));
  return { contact: existing, created: false };
}
