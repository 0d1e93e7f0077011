import type { Channel, ConsentSource, ConsentState, ContactSource, ContactStatus } from "@/db/schema";

// What the UI calls each value of the database enums (db/schema.ts), in the
// enums' order. Each map is a Record over its enum, so a value added to an
// enum fails the typecheck until it has a label here. Only types come from
// the schema: client components import this module without it.

export const CHANNEL_LABELS: Record<Channel, string> = { sms: "SMS", whatsapp: "WhatsApp", email: "Email" };

export const CONSENT_STATE_LABELS: Record<ConsentState, string> = {
  not_subscribed: "Not subscribed",
  subscribed: "Subscribed",
  unsubscribed: "Unsubscribed",
};

export const CONTACT_STATUS_LABELS: Record<ContactStatus, string> = { active: "Active", inactive: "Inactive", blocked: "Blocked" };

/** Where a contact came from. */
export const CONTACT_SOURCE_LABELS: Record<ContactSource, string> = {
  manual: "Added by hand",
  import: "Import",
  invite: "Session invite",
  api: "API",
  inbound: "Inbound message",
};

/** Who or what recorded a consent change. */
export const CONSENT_SOURCE_LABELS: Record<ConsentSource, string> = {
  manual: "Set by hand",
  import: "Import",
  keyword: "Keyword reply",
  invite: "Session invite",
  api: "API",
};

/** A select's options for the values of one enum, in the enum's order. */
export function labelOptions<T extends string>(labels: Record<T, string>, only?: readonly T[]): { value: T; label: string }[] {
  const values = only ?? (Object.keys(labels) as T[]);
  return values.map((value) => ({ value, label: labels[value] }));
}
