import { z } from "zod";
import {
  attributeTypeEnum,
  channelEnum,
  consentSourceEnum,
  consentStateEnum,
  contactSourceEnum,
  contactStatusEnum,
  type AttributeDefinition,
  type Contact,
} from "@/db/schema";
import { CHANNELS, consentOf } from "@/lib/contacts/consent-rules";
import { CONTACT_FIELD_LABELS, type ContactFieldName } from "@/lib/contacts/rules";

/*
 * The API's JSON shapes, as zod schemas: the routes parse with them, and the
 * OpenAPI document (lib/api/openapi.ts) is generated from them, so the
 * contract cannot drift from the code. `.meta({ id })` names a component.
 */

const isoTime = z.string().meta({ format: "date-time", example: "2026-12-02T10:15:00.000Z" });
const when = (d: Date | null) => (d ? d.toISOString() : null);

export const consentChannelSchema = z
  .object({
    state: z.enum(consentStateEnum.enumValues),
    source: z.enum(consentSourceEnum.enumValues).nullable().meta({ description: "Who made the last change: keyword opt-outs can only be lifted by the person." }),
    changedAt: isoTime.nullable(),
  })
  .meta({ id: "ChannelConsent" });

export const consentSchema = z
  .object({ sms: consentChannelSchema, whatsapp: consentChannelSchema, email: consentChannelSchema })
  .meta({ id: "Consent" });

export const contactSchema = z
  .object({
    id: z.uuid(),
    name: z.string().meta({ description: "The display name: first and last name, or the one name given." }),
    firstName: z.string().nullable(),
    lastName: z.string().nullable(),
    company: z.string().nullable(),
    phone: z.string().nullable().meta({ description: "E.164, e.g. +12015550123", example: "+12015550123" }),
    email: z.string().nullable(),
    externalId: z.string().nullable(),
    notes: z.string().nullable(),
    status: z.enum(contactStatusEnum.enumValues),
    preferredChannel: z.enum(channelEnum.enumValues).nullable(),
    timezone: z.string().nullable(),
    address: z.object({
      street: z.string().nullable(),
      city: z.string().nullable(),
      state: z.string().nullable(),
      zip: z.string().nullable(),
      country: z.string().nullable(),
    }),
    source: z.enum(contactSourceEnum.enumValues),
    consent: consentSchema,
    attributes: z.record(z.string(), z.unknown()).meta({ description: "Custom attribute values by key (see GET /api/v1/attributes)." }),
    sessionCount: z.number().int(),
    lastActivityAt: isoTime.nullable(),
    createdAt: isoTime,
    updatedAt: isoTime,
  })
  .meta({ id: "Contact" });
export type ApiContact = z.output<typeof contactSchema>;

export function toApiContact(c: Contact): ApiContact {
  const consent = (channel: (typeof CHANNELS)[number]) => {
    const { state, source, changedAt } = consentOf(c, channel);
    return { state, source, changedAt: when(changedAt) };
  };
  return {
    id: c.id,
    name: c.displayName,
    firstName: c.firstName,
    lastName: c.lastName,
    company: c.company,
    phone: c.phoneE164,
    email: c.email,
    externalId: c.externalId,
    notes: c.notes,
    status: c.status,
    preferredChannel: c.preferredChannel,
    timezone: c.timezone,
    address: { street: c.addressStreet, city: c.addressCity, state: c.addressState, zip: c.addressZip, country: c.addressCountry },
    source: c.source,
    consent: { sms: consent("sms"), whatsapp: consent("whatsapp"), email: consent("email") },
    attributes: c.attributes,
    sessionCount: c.sessionCount,
    lastActivityAt: when(c.lastActivityAt),
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}

/** A field of a contact as the API writes it: text sets it, null clears it; the contact rules check the text. */
const writableField = (field: ContactFieldName) =>
  z.string({ error: `${CONTACT_FIELD_LABELS[field]} must be text or null.` }).max(10_000, `${CONTACT_FIELD_LABELS[field]} is too long.`).nullable().optional();

export const contactWriteSchema = z
  .strictObject(
    {
      firstName: writableField("firstName"),
      lastName: writableField("lastName"),
      name: writableField("name").meta({ description: "The whole name, when first and last are not given." }),
      company: writableField("company"),
      phone: writableField("phone").meta({ description: "Any format the address book accepts; read in the workspace's default country unless it starts with +." }),
      email: writableField("email"),
      notes: writableField("notes"),
      externalId: writableField("externalId").meta({ description: "Your system's ID for the person; unique in the workspace." }),
      status: writableField("status").meta({ description: "active, inactive or blocked" }),
      preferredChannel: writableField("preferredChannel").meta({ description: "sms, whatsapp or email" }),
      timezone: writableField("timezone").meta({ description: "An IANA time zone, e.g. America/New_York" }),
      addressStreet: writableField("addressStreet"),
      addressCity: writableField("addressCity"),
      addressState: writableField("addressState"),
      addressZip: writableField("addressZip"),
      addressCountry: writableField("addressCountry"),
      attributes: z.record(z.string(), z.unknown()).optional().meta({ description: "Values by attribute key; on update, only the keys given change (null removes one)." }),
      lists: z.array(z.uuid({ error: "Lists are given by id." })).max(200, "A contact can join at most 200 lists at once.").optional().meta({ description: "List ids: the contact's lists become exactly these." }),
    },
    { error: (issue) => (issue.code === "unrecognized_keys" ? `Unknown field: ${issue.keys.join(", ")}.` : "Send a JSON object.") },
  )
  .meta({ id: "ContactWrite" });

export const contactPageSchema = z
  .object({
    data: z.array(contactSchema),
    nextCursor: z.string().nullable().meta({ description: "Pass as `cursor` for the next page; null on the last." }),
    total: z.number().int().meta({ description: "Matching contacts: exact when `totalExact`, else the planner's estimate." }),
    totalExact: z.boolean(),
  })
  .meta({ id: "ContactPage" });

export const upsertResultSchema = z.object({ created: z.boolean(), contact: contactSchema }).meta({ id: "UpsertResult" });

export const consentChangeSchema = z
  .strictObject({
    sms: z.enum(["subscribed", "unsubscribed"]).optional(),
    whatsapp: z.enum(["subscribed", "unsubscribed"]).optional(),
    email: z.enum(["subscribed", "unsubscribed"]).optional(),
    note: z.string().max(500, "Notes are at most 500 characters.").optional(),
  })
  .refine((v) => v.sms || v.whatsapp || v.email, { message: "Give at least one channel: sms, whatsapp or email." })
  .meta({ id: "ConsentChange" });

export const listSchema = z
  .object({ id: z.uuid(), name: z.string(), members: z.number().int(), createdAt: isoTime })
  .meta({ id: "List" });

export const membershipChangeSchema = z
  .strictObject({
    contactIds: z.array(z.uuid({ error: "Contacts are given by id." })).min(1, "Give at least one contact id.").max(1000, "At most 1,000 contacts at a time."),
  })
  .meta({ id: "MembershipChange" });

export const attributeSchema = z
  .object({ id: z.uuid(), key: z.string(), label: z.string(), type: z.enum(attributeTypeEnum.enumValues), options: z.array(z.string()), createdAt: isoTime })
  .meta({ id: "Attribute" });

export function toApiAttribute(d: AttributeDefinition): z.output<typeof attributeSchema> {
  return { id: d.id, key: d.key, label: d.label, type: d.type, options: d.options, createdAt: d.createdAt.toISOString() };
}

export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    fieldErrors: z.record(z.string(), z.string()).optional().meta({ description: "One message per field, by its name or dotted path." }),
    existing: z.object({ id: z.uuid(), name: z.string() }).optional().meta({ description: "On 409 for a duplicate: the contact that already holds the value." }),
  })
  .meta({ id: "Problem" });

export const idParams = z.object({ id: z.uuid({ error: "Not found." }) });
