import type { AttributeDefinition } from "@/db/schema";
import { CHANNEL_LABELS, CONSENT_STATE_LABELS, CONTACT_SOURCE_LABELS, CONTACT_STATUS_LABELS } from "@/lib/enum-labels";
import type { ContactRow } from "./list";

// The contacts table's optional columns. Name is always first; each member
// picks and orders the rest (stored per user and workspace).

export type ColumnId = string;
export type ColumnDef = { id: ColumnId; label: string; numeric?: boolean; cell: (row: ContactRow) => string };

// One formatter for every cell: creating one per call costs more than the page's SQL.
const DATE = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: "UTC" });

function date(value: Date | null): string {
  return value ? DATE.format(value) : "";
}

export const STANDARD_COLUMNS: ColumnDef[] = [
  { id: "phone", label: "Phone", cell: (r) => r.phone },
  { id: "company", label: "Company", cell: (r) => r.company ?? "" },
  { id: "email", label: "Email", cell: (r) => r.email ?? "" },
  { id: "lastActivity", label: "Last activity", cell: (r) => date(r.lastActivityAt) },
  { id: "sessionCount", label: "Sessions", numeric: true, cell: (r) => String(r.sessionCount) },
  { id: "status", label: "Status", cell: (r) => CONTACT_STATUS_LABELS[r.status] },
  { id: "preferredChannel", label: "Preferred channel", cell: (r) => (r.preferredChannel ? CHANNEL_LABELS[r.preferredChannel] : "") },
  { id: "source", label: "Source", cell: (r) => CONTACT_SOURCE_LABELS[r.source] },
  { id: "externalId", label: "External ID", cell: (r) => r.externalId ?? "" },
  { id: "timezone", label: "Time zone", cell: (r) => r.timezone ?? "" },
  { id: "city", label: "City", cell: (r) => r.addressCity ?? "" },
  { id: "country", label: "Country", cell: (r) => r.addressCountry ?? "" },
  { id: "created", label: "Created", cell: (r) => date(r.createdAt) },
  { id: "consentSms", label: `${CHANNEL_LABELS.sms} consent`, cell: (r) => CONSENT_STATE_LABELS[r.consentSms] },
  { id: "consentWhatsapp", label: `${CHANNEL_LABELS.whatsapp} consent`, cell: (r) => CONSENT_STATE_LABELS[r.consentWhatsapp] },
  { id: "consentEmail", label: `${CHANNEL_LABELS.email} consent`, cell: (r) => CONSENT_STATE_LABELS[r.consentEmail] },
];

export const DEFAULT_COLUMNS: ColumnId[] = ["phone", "company", "email", "lastActivity", "sessionCount"];

/** A stored attribute value as people read it. */
export function formatAttributeValue(def: Pick<AttributeDefinition, "type">, value: unknown): string {
  if (value === undefined || value === null) return "";
  if (def.type === "boolean") return value ? "Yes" : "No";
  if (def.type === "number" && typeof value === "number") return value.toLocaleString("en-US");
  return String(value);
}

function attributeCell(def: Pick<AttributeDefinition, "key" | "type">) {
  return (row: ContactRow) => formatAttributeValue(def, row.attributes[def.key]);
}

/** Every column available in this workspace: the standard ones, then one per custom attribute. */
export function availableColumns(defs: Pick<AttributeDefinition, "key" | "label" | "type">[]): ColumnDef[] {
  return [
    ...STANDARD_COLUMNS,
    ...defs.map((def) => ({ id: `attr.${def.key}`, label: def.label, numeric: def.type === "number", cell: attributeCell(def) })),
  ];
}

/** The chosen columns that still exist, in the chosen order (a deleted attribute's column drops out). */
export function resolveColumns(chosen: ColumnId[] | null, available: ColumnDef[]): ColumnDef[] {
  const byId = new Map(available.map((c) => [c.id, c]));
  return (chosen ?? DEFAULT_COLUMNS).map((id) => byId.get(id)).filter((c): c is ColumnDef => Boolean(c));
}
