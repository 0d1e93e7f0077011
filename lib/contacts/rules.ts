import { z } from "zod";
import type { AttributeDefinition, Channel, Contact, ContactStatus } from "@/db/schema";
import { attributeSearchText, checkAttributeValue, dateOrderOf, type AttributeValues, type DateOrder } from "@/lib/attributes/validation";
import { fail, type Fail } from "@/lib/result";
import { parsePhone } from "./phone";
import { isTimeZone } from "./time-zones";

// A contact's field rules, for every path that writes one (the form, the
// import, the invite, the inbound webhook, and later the API and merge):
// how each field is read from text, its limits and messages, the required
// fields and every column derived from the others. Pure and cheap: the
// import runs it on every row of a million-row file.

/** The editable fields as typed in a form, a CSV cell or an API string: text, not yet checked. */
export type ContactText = Partial<Record<ContactFieldName, string>>;

const TEXT_FIELDS = {
  firstName: { label: "First name", max: 100 },
  lastName: { label: "Last name", max: 100 },
  name: { label: "Name", max: 200 },
  company: { label: "Company", max: 200 },
  notes: { label: "Notes", max: 5000 },
  externalId: { label: "External ID", max: 200 },
  addressStreet: { label: "Street", max: 200 },
  addressCity: { label: "City", max: 100 },
  addressState: { label: "State", max: 100 },
  addressZip: { label: "ZIP code", max: 20 },
  addressCountry: { label: "Country", max: 100 },
} as const;
type TextField = keyof typeof TEXT_FIELDS;

export const CONTACT_FIELD_NAMES = [...(Object.keys(TEXT_FIELDS) as TextField[]), "phone", "email", "status", "preferredChannel", "timezone"] as const;
export type ContactFieldName = (typeof CONTACT_FIELD_NAMES)[number];

export const CONTACT_FIELD_LABELS: Record<ContactFieldName, string> = {
  ...Object.fromEntries(Object.entries(TEXT_FIELDS).map(([field, { label }]) => [field, label])),
  phone: "Phone",
  email: "Email",
  status: "Status",
  preferredChannel: "Preferred channel",
  timezone: "Time zone",
} as Record<ContactFieldName, string>;

export const CONTACT_MESSAGES = {
  nameRequired: "Enter a name.",
  reachRequired: "Enter a phone number or an email address.",
  email: "Enter a valid email address, like name@example.com.",
  emailLength: "Email addresses are at most 254 characters.",
  status: "Choose a status: active, inactive or blocked.",
  channel: "Choose SMS, WhatsApp or email.",
  timezone: "Choose a time zone such as America/New_York.",
  tooLong: (label: string, max: number) => `${label} can be at most ${max} characters.`,
} as const;

// zod's own email pattern, so the rule is the one every zod email field in the app uses.
const EMAIL = z.regexes.email;
const STATUS: Record<string, ContactStatus> = { active: "active", inactive: "inactive", blocked: "blocked" };
const CHANNELS: Record<string, Channel> = { sms: "sms", text: "sms", whatsapp: "whatsapp", email: "email", "e-mail": "email" };

/** The stored columns of a contact's editable fields, all derived columns included. */
export type ContactColumns = Pick<
  Contact,
  | "firstName"
  | "lastName"
  | "displayName"
  | "company"
  | "phoneE164"
  | "phoneDigits"
  | "phoneCountry"
  | "email"
  | "notes"
  | "externalId"
  | "timezone"
  | "addressStreet"
  | "addressCity"
  | "addressState"
  | "addressZip"
  | "addressCountry"
  | "preferredChannel"
> & {
  /** Absent when not given: an edit keeps the status, a new contact starts active. */
  status?: ContactStatus;
  /** Null when the caller gave no attributes (an edit then keeps the stored ones). */
  attributes: AttributeValues | null;
  attributeText: string | null;
};

export type AttributeRules = Pick<AttributeDefinition, "key" | "label" | "type" | "options">;

export type ContactRules = {
  /** The workspace's default country (ISO alpha-2), for numbers typed without +. */
  country: string;
  /** The workspace's attribute definitions; needed when attributes are given. */
  definitions?: AttributeRules[];
};

/** A value per bad field (`attr.<key>` for custom attributes), with the columns of everything that was good. */
export type NormalizedContact = { columns: ContactColumns; errors: Record<string, string> };

const clean = (value: string | undefined): string | null => {
  const text = value?.trim();
  return text ? text : null;
};

/**
 * Reads every field by its rule. A bad value leaves its column empty and
 * puts its message in `errors` (the import may then drop the value instead
 * of the row). Required fields are checked apart (`missingRequired`): a row
 * of an import may update an existing contact without them.
 */
export function normalizeContact(text: ContactText, attributes: Record<string, unknown> | undefined, rules: ContactRules): NormalizedContact {
  const errors: Record<string, string> = {};
  const value: Partial<Record<TextField, string | null>> = {};
  for (const field of Object.keys(TEXT_FIELDS) as TextField[]) {
    const given = clean(text[field]);
    const { label, max } = TEXT_FIELDS[field];
    if (given !== null && given.length > max) errors[field] = CONTACT_MESSAGES.tooLong(label, max);
    else value[field] = given;
  }
  const names = deriveNames(value.firstName ?? null, value.lastName ?? null, value.name ?? null);
  // One literal, no spread: V8 builds an object spread and then extended
  // property by property, 30 times slower, and the import runs this per row.
  const columns: ContactColumns = {
    firstName: names.firstName,
    lastName: names.lastName,
    displayName: names.displayName,
    company: value.company ?? null,
    phoneE164: null,
    phoneDigits: null,
    phoneCountry: null,
    email: null,
    notes: value.notes ?? null,
    externalId: value.externalId ?? null,
    timezone: null,
    addressStreet: value.addressStreet ?? null,
    addressCity: value.addressCity ?? null,
    addressState: value.addressState ?? null,
    addressZip: value.addressZip ?? null,
    addressCountry: value.addressCountry ?? null,
    preferredChannel: null,
    attributes: null,
    attributeText: null,
  };

  const phone = clean(text.phone);
  if (phone !== null) {
    const parsed = parsePhone(phone, rules.country);
    if (parsed.ok) {
      columns.phoneE164 = parsed.phone.e164;
      columns.phoneDigits = parsed.phone.digits;
      columns.phoneCountry = parsed.phone.country;
    } else errors.phone = parsed.message;
  }
  const email = clean(text.email);
  if (email !== null) {
    const checked = normalizeEmail(email);
    if (checked.ok) columns.email = checked.email;
    else errors.email = checked.message;
  }
  const status = clean(text.status);
  if (status !== null) {
    const known = STATUS[status.toLowerCase()];
    if (known) columns.status = known;
    else errors.status = CONTACT_MESSAGES.status;
  }
  const channel = clean(text.preferredChannel);
  if (channel !== null) {
    const known = CHANNELS[channel.toLowerCase()];
    if (known) columns.preferredChannel = known;
    else errors.preferredChannel = CONTACT_MESSAGES.channel;
  }
  const timezone = clean(text.timezone);
  if (timezone !== null) {
    if (isTimeZone(timezone)) columns.timezone = timezone;
    else errors.timezone = CONTACT_MESSAGES.timezone;
  }
  if (attributes !== undefined) {
    columns.attributes = checkAttributes(attributes, rules.definitions ?? [], errors, dateOrderOf(rules.country));
    columns.attributeText = attributeSearchText(rules.definitions ?? [], columns.attributes);
  }
  return { columns, errors };
}

/** An email address as the contacts table keys it (lower-case), or why it is not one. */
export function normalizeEmail(text: string): { ok: true; email: string } | { ok: false; message: string } {
  const email = text.trim();
  if (email.length > 254) return { ok: false, message: CONTACT_MESSAGES.emailLength };
  if (!EMAIL.test(email)) return { ok: false, message: CONTACT_MESSAGES.email };
  return { ok: true, email: email.toLowerCase() };
}

export type Reach = { ok: true; value: string; country: string | null } | { ok: false; message: string };

const EMPTY_REACH: Record<Channel, string> = {
  sms: "Enter the phone number to send the invite to.",
  whatsapp: "Enter the phone number to send the invite to.",
  email: "Enter the email address to send the invite to.",
};

/**
 * The other end of a message on a channel, as the contacts table keys it:
 * E.164 for SMS and WhatsApp, the lower-case address for email. What an
 * invite's recipient and an inbound message's sender are matched by.
 */
export function normalizeReach(channel: Channel, raw: string, country: string): Reach {
  const text = raw.trim();
  if (!text) return { ok: false, message: EMPTY_REACH[channel] };
  if (channel === "email") {
    const checked = normalizeEmail(text);
    return checked.ok ? { ok: true, value: checked.email, country: null } : checked;
  }
  const phone = parsePhone(text, country);
  return phone.ok ? { ok: true, value: phone.phone.e164, country: phone.phone.country } : phone;
}

/**
 * Custom attribute values by key, each checked by its definition's type. An
 * unknown key is an error (a typo must not vanish silently); a bad value is
 * left out with its message under `attr.<key>`, the form's field name.
 */
function checkAttributes(raw: Record<string, unknown>, definitions: AttributeRules[], errors: Record<string, string>, dateOrder: DateOrder): AttributeValues {
  const values: AttributeValues = {};
  for (const [key, given] of Object.entries(raw)) {
    const definition = definitions.find((d) => d.key === key);
    if (!definition) {
      errors[`attr.${key}`] = `There is no custom attribute "${key}".`;
      continue;
    }
    const checked = checkAttributeValue(definition, given, dateOrder);
    if (!checked.ok) errors[`attr.${key}`] = checked.message;
    else if (checked.value !== undefined) values[key] = checked.value;
  }
  return values;
}

/**
 * What a new contact still lacks: a name (first, last or full) and a phone
 * or an email. A phone or email that was given but bad has its own message.
 */
export function missingRequired(columns: { displayName: string | null; phoneE164: string | null; email: string | null }, errors: Record<string, string> = {}): Record<string, string> {
  const missing: Record<string, string> = {};
  if (!columns.displayName) missing.firstName = CONTACT_MESSAGES.nameRequired;
  if (!columns.phoneE164 && !columns.email && !errors.phone && !errors.email) missing.phone = CONTACT_MESSAGES.reachRequired;
  return missing;
}

/**
 * A whole contact as one writer hands it over (form, API, invite): its
 * columns, or every message at once, keyed by field, for the form to show.
 */
export function checkedContact(text: ContactText, attributes: Record<string, unknown> | undefined, rules: ContactRules): { ok: true; columns: ContactColumns } | Fail {
  const { columns, errors } = normalizeContact(text, attributes, rules);
  const fieldErrors = { ...missingRequired(columns, errors), ...errors };
  const messages = Object.values(fieldErrors);
  if (messages.length === 0) return { ok: true, columns };
  return fail("invalid", messages.length === 1 ? messages[0] : "Please correct the highlighted fields.", fieldErrors);
}

/** "Jane Doe" from first and last name, or the one full name given (split at the first space for first/last). */
export function deriveNames(firstName: string | null, lastName: string | null, name: string | null) {
  if (firstName || lastName) {
    return { firstName, lastName, displayName: [firstName, lastName].filter(Boolean).join(" ") };
  }
  const full = (name ?? "").replace(/\s+/g, " ").trim();
  const space = full.indexOf(" ");
  return {
    firstName: full === "" ? null : space === -1 ? full : full.slice(0, space),
    lastName: space === -1 ? null : full.slice(space + 1),
    displayName: full,
  };
}
