import type { AttributeDefinition } from "@/db/schema";
import { mapHeaders, normalizeHeader } from "./header-map";

// The contact fields a file column can fill. The headers that mean them are
// in header-map.json; export writes the labels, so an export re-imports as is.

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

export const IMPORT_FIELDS: { id: FieldId; label: string }[] = [
  { id: "name", label: "Name" },
  { id: "firstName", label: "First name" },
  { id: "lastName", label: "Last name" },
  { id: "company", label: "Company" },
  { id: "phone", label: "Phone" },
  { id: "email", label: "Email" },
  { id: "notes", label: "Notes" },
  { id: "externalId", label: "External ID" },
  { id: "status", label: "Status" },
  { id: "preferredChannel", label: "Preferred channel" },
  { id: "timezone", label: "Time zone" },
  { id: "addressStreet", label: "Street" },
  { id: "addressCity", label: "City" },
  { id: "addressState", label: "State" },
  { id: "addressZip", label: "ZIP" },
  { id: "addressCountry", label: "Country" },
  { id: "lists", label: "Lists" },
  { id: "consentSms", label: "SMS consent" },
  { id: "consentWhatsapp", label: "WhatsApp consent" },
  { id: "consentEmail", label: "Email consent" },
];

export const FIELD_LABELS: Record<string, string> = Object.fromEntries(IMPORT_FIELDS.map((f) => [f.id, f.label]));

/** What one file column does: fill a field (a phone or email as its 1st, 2nd… choice), label the phone after it, fill a custom attribute, become a new attribute, or nothing. */
export type ColumnTarget = string; // FieldId | `phone:<n>` | `email:<n>` | "phoneType" | `attr.<key>` | `new:<type>` | ""

/**
 * Maps each header to a target (header-map.ts reads the table): a field, a
 * ranked phone or email candidate, an attribute by key or label, or "".
 */
export function autoMap(headers: string[], defs: Pick<AttributeDefinition, "key" | "label">[], sample?: string[][]): ColumnTarget[] {
  return mapHeaders(headers, defs, sample).mapping;
}

/** A new attribute's key made from a header: "Renewal Date" → renewal_date. */
export function keyFromHeader(header: string): string {
  const key = normalizeHeader(header).replace(/ /g, "_").replace(/[^a-z0-9_]/g, "");
  return /^[a-z]/.test(key) ? key.slice(0, 40) : `field_${key}`.slice(0, 40);
}
