import type { AttributeDefinition } from "@/db/schema";
import { FIELD_LABELS } from "@/lib/import/fields";

/**
 * What an export can contain. Headers are the import's field labels, so an
 * export re-imports without any mapping. `sql` reads the value as text from
 * contacts `c` (NULL → empty cell).
 */
export type ExportColumn = {
  id: string;
  header: string;
  sql: string;
  text?: boolean;
  enumerated?: boolean;
  /** `sql` with the formula guard already inside it, where wrapping the whole expression would be slow (see safeSql). */
  guardedSql?: string;
};

const field = (id: string, sql: string, text = false): ExportColumn => ({ id, header: FIELD_LABELS[id], sql, text });
/** A column whose values are a fixed set of words (an enum): no cell can start a formula. */
const enumerated = (id: string, sql: string): ExportColumn => ({ ...field(id, sql), enumerated: true });

/** `aggregate` (over `l.name`) of contact `c`'s lists, in a subquery; NULL when the contact is on no list. */
export function listsSubquery(aggregate: string): string {
  return `(SELECT ${aggregate} FROM list_members m JOIN lists l ON l.workspace_id = m.workspace_id AND l.id = m.list_id WHERE m.workspace_id = c.workspace_id AND m.contact_id = c.id)`;
}

/** A contact's list names, `|`-separated in name order; `wrap` applies to the joined names inside the subquery. */
function listsSql(wrap: (names: string) => string): string {
  return listsSubquery(wrap("string_agg(l.name, '|' ORDER BY lower(l.name))"));
}

export const STANDARD_EXPORT_COLUMNS: ExportColumn[] = [
  field("firstName", "c.first_name"),
  field("lastName", "c.last_name"),
  field("company", "c.company"),
  field("phone", "c.phone_e164", true),
  field("email", "c.email"),
  field("notes", "c.notes"),
  field("externalId", "c.external_id", true),
  enumerated("status", "c.status::text"),
  enumerated("preferredChannel", "c.preferred_channel::text"),
  field("timezone", "c.timezone"),
  field("addressStreet", "c.address_street"),
  field("addressCity", "c.address_city"),
  field("addressState", "c.address_state"),
  field("addressZip", "c.address_zip", true),
  field("addressCountry", "c.address_country"),
  { ...field("lists", listsSql((names) => names)), guardedSql: listsSql((names) => `sb_safe_cell(${names})`) },
  enumerated("consentSms", "c.consent_sms::text"),
  enumerated("consentWhatsapp", "c.consent_whatsapp::text"),
  enumerated("consentEmail", "c.consent_email::text"),
];

function quoteLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

export function attributeExportColumns(defs: Pick<AttributeDefinition, "key" | "label" | "type">[]): ExportColumn[] {
  return defs.map((def) => ({
    id: `attr.${def.key}`,
    header: def.label,
    sql:
      def.type === "boolean"
        ? `CASE c.attributes -> ${quoteLiteral(def.key)} WHEN 'true'::jsonb THEN 'yes' WHEN 'false'::jsonb THEN 'no' END`
        : `c.attributes ->> ${quoteLiteral(def.key)}`,
    text: def.type === "text",
    // yes / no / empty: no cell of it can start a formula.
    enumerated: def.type === "boolean",
  }));
}

/** The chosen columns in the chosen order; none chosen means all of them (a full, re-importable export). */
export function resolveExportColumns(chosen: string[], defs: Pick<AttributeDefinition, "key" | "label" | "type">[]): ExportColumn[] {
  const all = [...STANDARD_EXPORT_COLUMNS, ...attributeExportColumns(defs)];
  if (chosen.length === 0) return all;
  const byId = new Map(all.map((c) => [c.id, c]));
  return chosen.map((id) => byId.get(id)).filter((c): c is ExportColumn => Boolean(c));
}

/** The formula guard in SQL (migration 0007, same rule as lib/export/cell.ts), so PostgreSQL can format the CSV itself. */
// sb_safe_cell is a SQL function that PostgreSQL inlines, except around an
// argument holding a subquery (it names its argument several times): then it
// runs as a function call per row, which made the lists column alone cost 2 s
// of a 1,000,000-row export. Such a column guards inside its subquery instead.
export function safeSql(column: Pick<ExportColumn, "sql" | "enumerated" | "guardedSql">): string {
  if (column.enumerated) return column.sql;
  return column.guardedSql ?? `sb_safe_cell(${column.sql})`;
}
