import type { AttributeDefinition } from "@/db/schema";
import { checkAttributeValue, type AttributeValue } from "@/lib/attributes/validation";
import { parsePhone } from "@/lib/contacts/phone";
import { unescapeCell } from "@/lib/export/cell";
import type { ImportOptions } from "./options";

// One file row → one staged row (or the reason it fails), following the
// mapping. Pure: no database, so it runs at parse speed.

export const STAGE_COLUMNS = [
  "row_no", "first_name", "last_name", "display_name", "company", "phone_e164", "phone_digits", "phone_country", "email",
  "notes", "external_id", "status", "preferred_channel", "timezone", "address_street", "address_city", "address_state",
  "address_zip", "address_country", "attributes", "attribute_text", "lists", "consent_sms", "consent_whatsapp",
  "consent_email", "raw", "outcome", "reason",
] as const;

type Stage = Record<(typeof STAGE_COLUMNS)[number], string | null>;

// Copied for each row (a spread of a fixed shape is much cheaper than building one).
const EMPTY_STAGE = Object.fromEntries(STAGE_COLUMNS.map((c) => [c, null])) as Stage;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const STATUS = new Set(["active", "inactive", "blocked"]);
const CHANNELS: Record<string, string> = { sms: "sms", text: "sms", whatsapp: "whatsapp", email: "email", "e-mail": "email" };
const CONSENT: Record<string, string> = {
  subscribed: "subscribed", yes: "subscribed", true: "subscribed", "opted in": "subscribed", "1": "subscribed",
  unsubscribed: "unsubscribed", no: "unsubscribed", false: "unsubscribed", "opted out": "unsubscribed", "0": "unsubscribed",
  "not subscribed": "", not_subscribed: "", "": "",
};
const TEXT_LIMITS: Record<string, number> = { firstName: 100, lastName: 100, name: 200, company: 200, notes: 5000, externalId: 200 };

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

export type NormalizeContext = {
  mapping: string[];
  defs: Map<string, Pick<AttributeDefinition, "key" | "label" | "type" | "options">>;
  searchableKeys: Set<string>;
  country: string;
  options: Pick<ImportOptions, "timezone" | "replaceInvalid">;
};

/**
 * Returns the staged row (without `raw`, the original values, which the
 * caller adds only to rows that keep them: most rows never need them); a row that cannot be imported is still staged with
 * outcome "failed" and its reason (so its keys protect contacts from "remove
 * contacts not in the file", and the error CSV has its original values).
 */
export function normalizeRow(rowNo: number, values: string[], ctx: NormalizeContext): Stage {
  const stage: Stage = { ...EMPTY_STAGE };
  stage.row_no = String(rowNo);
  stage.outcome = "new";
  const problems: string[] = [];
  const invalid = (message: string) => {
    if (!ctx.options.replaceInvalid) problems.push(message);
  };
  const attributes: Record<string, AttributeValue> = {};
  const fields: Record<string, string> = {};

  ctx.mapping.forEach((target, index) => {
    if (!target) return;
    const value = unescapeCell((values[index] ?? "").trim());
    if (target.startsWith("attr.")) {
      const def = ctx.defs.get(target.slice(5));
      if (!def || value === "") return;
      const checked = checkAttributeValue(def, value);
      if (checked.ok && checked.value !== undefined) attributes[def.key] = checked.value;
      else if (!checked.ok) invalid(checked.message);
      return;
    }
    fields[target] = value;
  });

  for (const [field, max] of Object.entries(TEXT_LIMITS)) {
    if ((fields[field] ?? "").length > max) {
      invalid(`${field === "externalId" ? "External ID" : field} is longer than ${max} characters`);
      fields[field] = "";
    }
  }
  const first = fields.firstName || null;
  const last = fields.lastName || null;
  const full = (fields.name ?? "").replace(/\s+/g, " ") || null;
  if (first || last) {
    stage.first_name = first;
    stage.last_name = last;
    stage.display_name = [first, last].filter(Boolean).join(" ");
  } else if (full) {
    const space = full.indexOf(" ");
    stage.first_name = space === -1 ? full : full.slice(0, space);
    stage.last_name = space === -1 ? null : full.slice(space + 1);
    stage.display_name = full;
  }
  stage.company = fields.company || null;
  stage.notes = fields.notes || null;
  stage.external_id = fields.externalId || null;
  stage.address_street = fields.addressStreet || null;
  stage.address_city = fields.addressCity || null;
  stage.address_state = fields.addressState || null;
  stage.address_zip = fields.addressZip || null;
  stage.address_country = fields.addressCountry || null;

  if (fields.phone) {
    const phone = parsePhone(fields.phone, ctx.country);
    if (phone.ok) {
      stage.phone_e164 = phone.phone.e164;
      stage.phone_digits = phone.phone.digits;
      stage.phone_country = phone.phone.country;
    } else invalid(`Phone “${fields.phone}”: ${phone.message}`);
  }
  if (fields.email) {
    if (EMAIL.test(fields.email) && fields.email.length <= 254) stage.email = fields.email.toLowerCase();
    else invalid(`Email “${fields.email}” is not a valid address`);
  }
  if (fields.status) {
    const status = fields.status.toLowerCase();
    if (STATUS.has(status)) stage.status = status;
    else invalid(`Status “${fields.status}” must be active, inactive or blocked`);
  }
  if (fields.preferredChannel) {
    const channel = CHANNELS[fields.preferredChannel.toLowerCase()];
    if (channel) stage.preferred_channel = channel;
    else invalid(`Preferred channel “${fields.preferredChannel}” must be SMS, WhatsApp or email`);
  }
  const timezone = fields.timezone || ctx.options.timezone;
  if (timezone) {
    if (isTimeZone(timezone)) stage.timezone = timezone;
    else invalid(`Time zone “${timezone}” is not a time zone (e.g. America/New_York)`);
  }
  for (const [field, column] of [["consentSms", "consent_sms"], ["consentWhatsapp", "consent_whatsapp"], ["consentEmail", "consent_email"]] as const) {
    const raw = fields[field];
    if (raw === undefined || raw === "") continue;
    const state = CONSENT[raw.toLowerCase()];
    if (state === undefined) invalid(`Consent “${raw}” must be subscribed or unsubscribed`);
    else stage[column] = state || null;
  }
  if (fields.lists) {
    const names = fields.lists.split("|").map((n) => n.trim()).filter(Boolean);
    if (names.some((n) => n.length > 100)) invalid("A list name is longer than 100 characters");
    else if (names.length > 0) stage.lists = names.join("|");
  }
  if (Object.keys(attributes).length > 0) {
    stage.attributes = JSON.stringify(attributes);
    const text = Object.entries(attributes).filter(([k]) => ctx.searchableKeys.has(k)).map(([, v]) => String(v)).join(" ");
    stage.attribute_text = text || null;
  }

  // A row with some key may update an existing contact; whether it may create
  // one (it needs a name and a phone or email) is decided after matching, in SQL.
  const hasKey = Boolean(stage.phone_e164 || stage.email || stage.external_id);
  if (!hasKey && !problems.some((p) => p.startsWith("Phone") || p.startsWith("Email"))) {
    problems.push(stage.display_name ? "No phone number or email address" : "No name, phone number or email address");
  }
  if (problems.length > 0) {
    stage.outcome = "failed";
    stage.reason = problems.join("; ");
  }
  return stage;
}
