import { parseConsentWord } from "@/lib/contacts/consent-rules";
import { missingRequired, normalizeContact, type ContactFieldName, type ContactRules, type ContactText } from "@/lib/contacts/rules";
import { unescapeCell } from "@/lib/export/cell";
import { splitListNames, type ListRules } from "./header-map";
import { pickValue, planFor } from "./mapping-plan";
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

const CONSENT_FIELDS = [
  ["consentSms", "consent_sms", "sms"],
  ["consentWhatsapp", "consent_whatsapp", "whatsapp"],
  ["consentEmail", "consent_email", "email"],
] as const;
/** Targets the contact rules do not read: the import's own options for a row. */
const IMPORT_ONLY = new Set(["lists", "consentSms", "consentWhatsapp", "consentEmail"]);

export type NormalizeContext = {
  mapping: string[];
  /** The workspace's country and attribute definitions, for the contact rules. */
  rules: ContactRules;
  options: Pick<ImportOptions, "timezone" | "replaceInvalid">;
  /** How a lists cell splits and which names it drops (the file's format decides: header-map.ts listRulesFor). */
  listRules?: ListRules;
  /** Counts rows that held more phones or emails than the one a contact keeps. */
  dropped?: { phones: number; emails: number };
};

/**
 * Returns the staged row (without `raw`, the original values, which the
 * caller adds only to rows that keep them: most rows never need them); a row
 * that cannot be imported is still staged with outcome "failed" and its
 * reason (so its keys protect contacts from "remove contacts not in the
 * file", and the error CSV has its original values). Every field goes
 * through the contact rules (lib/contacts/rules.ts), as the form's do, so a
 * row stores what the form would and fails with the form's messages.
 */
export function normalizeRow(rowNo: number, values: string[], ctx: NormalizeContext): Stage {
  const stage: Stage = { ...EMPTY_STAGE };
  stage.row_no = String(rowNo);
  stage.outcome = "new";
  const text: ContactText = {};
  const own: Record<string, string> = {};
  let attributes: Record<string, string> | undefined;
  const plan = planFor(ctx.mapping);
  for (const { index, target } of plan.simple) {
    const value = unescapeCell((values[index] ?? "").trim());
    if (target.startsWith("attr.")) (attributes ??= {})[target.slice(5)] = value;
    else if (IMPORT_ONLY.has(target)) own[target] = value;
    else text[target as ContactFieldName] = value;
  }
  if (plan.phones.length > 0) {
    const phone = pickValue(values, plan.phones, true);
    text.phone = unescapeCell(phone.value);
    if (phone.extra && ctx.dropped) ctx.dropped.phones++;
  }
  if (plan.emails.length > 0) {
    const email = pickValue(values, plan.emails, false);
    text.email = unescapeCell(email.value);
    if (email.extra && ctx.dropped) ctx.dropped.emails++;
  }
  if (!text.timezone && ctx.options.timezone) text.timezone = ctx.options.timezone;

  const { columns: c, errors } = normalizeContact(text, attributes, ctx.rules);
  // With "replace invalid values with empty", a bad value is dropped (its column is already empty).
  const problems: string[] = ctx.options.replaceInvalid ? [] : Object.values(errors);
  stage.first_name = c.firstName;
  stage.last_name = c.lastName;
  stage.display_name = c.displayName || null;
  stage.company = c.company;
  stage.phone_e164 = c.phoneE164;
  stage.phone_digits = c.phoneDigits;
  stage.phone_country = c.phoneCountry;
  stage.email = c.email;
  stage.notes = c.notes;
  stage.external_id = c.externalId;
  stage.status = c.status ?? null;
  stage.preferred_channel = c.preferredChannel;
  stage.timezone = c.timezone;
  stage.address_street = c.addressStreet;
  stage.address_city = c.addressCity;
  stage.address_state = c.addressState;
  stage.address_zip = c.addressZip;
  stage.address_country = c.addressCountry;
  if (c.attributes && Object.keys(c.attributes).length > 0) {
    stage.attributes = JSON.stringify(c.attributes);
    stage.attribute_text = c.attributeText;
  }

  for (const [field, column, channel] of CONSENT_FIELDS) {
    const raw = own[field];
    if (!raw) continue;
    const consent = parseConsentWord(raw, channel);
    if (!consent.ok) {
      if (!ctx.options.replaceInvalid) problems.push(consent.message);
    } else stage[column] = consent.state;
  }
  if (own.lists) {
    const names = splitListNames(own.lists, ctx.listRules);
    if (names.some((n) => n.length > 100)) {
      if (!ctx.options.replaceInvalid) problems.push("A list name is longer than 100 characters");
    } else if (names.length > 0) stage.lists = names.join("|");
  }

  // A row with some key may update an existing contact; whether it may create
  // one (it needs what the rules require of a new contact) is decided after
  // matching, in SQL. A row with no key can do neither.
  if (!stage.phone_e164 && !stage.email && !stage.external_id) {
    problems.push(...Object.values(missingRequired(c, ctx.options.replaceInvalid ? {} : errors)));
  }
  if (problems.length > 0) {
    stage.outcome = "failed";
    stage.reason = problems.join("; ");
  }
  return stage;
}
