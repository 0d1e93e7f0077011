import type { AttributeDefinition } from "@/db/schema";

// The contact fields a file column can fill, with the headers that mean them.
// Export writes the first synonym as its header, so an export re-imports as is.

export type FieldId =
  | "name"
  | "firstName"
  | "lastName"
  | "company"
  | "phone"
  | "email"
  | "notes"
  | "externalId"
  | "status"
  | "preferredChannel"
  | "timezone"
  | "addressStreet"
  | "addressCity"
  | "addressState"
  | "addressZip"
  | "addressCountry"
  | "lists"
  | "consentSms"
  | "consentWhatsapp"
  | "consentEmail";

export const IMPORT_FIELDS: { id: FieldId; label: string; synonyms: string[] }[] = [
  { id: "name", label: "Name", synonyms: ["name", "full name", "fullname", "contact name", "display name", "contact"] },
  { id: "firstName", label: "First name", synonyms: ["first name", "firstname", "given name", "first", "forename"] },
  { id: "lastName", label: "Last name", synonyms: ["last name", "lastname", "surname", "family name", "last"] },
  { id: "company", label: "Company", synonyms: ["company", "organization", "organisation", "org", "company name", "business", "account"] },
  { id: "phone", label: "Phone", synonyms: ["phone", "mobile", "phone number", "mobile number", "mobile phone", "cell", "cell phone", "telephone", "tel", "whatsapp", "msisdn"] },
  { id: "email", label: "Email", synonyms: ["email", "e-mail", "email address", "e-mail address", "mail"] },
  { id: "notes", label: "Notes", synonyms: ["notes", "note", "comments", "comment", "description"] },
  { id: "externalId", label: "External ID", synonyms: ["external id", "externalid", "external_id", "crm id", "customer id", "record id"] },
  { id: "status", label: "Status", synonyms: ["status"] },
  { id: "preferredChannel", label: "Preferred channel", synonyms: ["preferred channel", "channel", "preferred_channel"] },
  { id: "timezone", label: "Time zone", synonyms: ["time zone", "timezone", "tz"] },
  { id: "addressStreet", label: "Street", synonyms: ["street", "address", "address line 1", "street address"] },
  { id: "addressCity", label: "City", synonyms: ["city", "town"] },
  { id: "addressState", label: "State", synonyms: ["state", "region", "province", "county"] },
  { id: "addressZip", label: "ZIP", synonyms: ["zip", "zip code", "postal code", "postcode"] },
  { id: "addressCountry", label: "Country", synonyms: ["country"] },
  { id: "lists", label: "Lists", synonyms: ["lists", "list", "groups", "group", "group name", "groups names", "tags"] },
  { id: "consentSms", label: "SMS consent", synonyms: ["sms consent", "consent sms", "sms opt in", "sms"] },
  { id: "consentWhatsapp", label: "WhatsApp consent", synonyms: ["whatsapp consent", "consent whatsapp", "whatsapp opt in"] },
  { id: "consentEmail", label: "Email consent", synonyms: ["email consent", "consent email", "email opt in"] },
];

export const FIELD_LABELS: Record<string, string> = Object.fromEntries(IMPORT_FIELDS.map((f) => [f.id, f.label]));

/** What one file column does: fill a field, fill a custom attribute, become a new attribute, or nothing. */
export type ColumnTarget = string; // FieldId | `attr.<key>` | `new:<type>` | ""

function normalizeHeader(header: string): string {
  return header
    .toLowerCase()
    .replace(/[_\-.]+/g, " ")
    .replace(/[^\p{L}\p{N} ]/gu, "")
    .replace(/\s+/g, " ")
    .trim();
}

/** Maps each header to a field by name or synonym, or to a custom attribute by key or label. Each target is used once. */
export function autoMap(headers: string[], defs: Pick<AttributeDefinition, "key" | "label">[]): ColumnTarget[] {
  const used = new Set<string>();
  const bySynonym = new Map<string, string>();
  for (const field of IMPORT_FIELDS) for (const s of field.synonyms) bySynonym.set(normalizeHeader(s), field.id);
  for (const def of defs) {
    bySynonym.set(normalizeHeader(def.key), `attr.${def.key}`);
    bySynonym.set(normalizeHeader(def.label), `attr.${def.key}`);
  }
  return headers.map((header) => {
    const target = bySynonym.get(normalizeHeader(header)) ?? "";
    if (!target || used.has(target)) return "";
    used.add(target);
    return target;
  });
}

/** A new attribute's key made from a header: "Renewal Date" → renewal_date. */
export function keyFromHeader(header: string): string {
  const key = normalizeHeader(header).replace(/ /g, "_").replace(/[^a-z0-9_]/g, "");
  return /^[a-z]/.test(key) ? key.slice(0, 40) : `field_${key}`.slice(0, 40);
}
