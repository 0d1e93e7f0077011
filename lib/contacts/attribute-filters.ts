import { sql, type SQL } from "drizzle-orm";
import type { AttributeDefinition } from "@/db/schema";
import { checkAttributeValue } from "@/lib/attributes/validation";

function likePattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
}

/**
 * SQL for the custom attribute filters of the URL (`tier`, `score.min`,
 * `renewal.from`…), by each attribute's type. Dropdown and boolean filters are
 * containment tests the jsonb GIN index answers; a filter whose value does not
 * fit its type (or names no attribute) is ignored.
 */
export function attributeConditions(defs: AttributeDefinition[], filters: Record<string, string>): SQL[] {
  const byKey = new Map(defs.map((d) => [d.key, d]));
  const out: SQL[] = [];
  for (const [name, raw] of Object.entries(filters)) {
    const [key, bound] = name.split(".");
    const def = byKey.get(key);
    if (!def) continue;
    const checked = checkAttributeValue(def, raw);
    if (!checked.ok || checked.value === undefined) continue;
    const value = checked.value;
    if (def.type === "text" && !bound) {
      out.push(sql`c.attributes ->> ${key} ILIKE ${likePattern(String(value))}`);
    } else if ((def.type === "dropdown" || def.type === "boolean") && !bound) {
      out.push(sql`c.attributes @> ${JSON.stringify({ [key]: value })}::jsonb`);
    } else if (def.type === "number" && (bound === "min" || bound === "max")) {
      const numeric = sql`(CASE WHEN jsonb_typeof(c.attributes -> ${key}) = 'number' THEN (c.attributes ->> ${key})::numeric END)`;
      out.push(bound === "min" ? sql`${numeric} >= ${value}` : sql`${numeric} <= ${value}`);
    } else if (def.type === "date" && (bound === "from" || bound === "to")) {
      out.push(bound === "from" ? sql`c.attributes ->> ${key} >= ${value}` : sql`c.attributes ->> ${key} <= ${value}`);
    }
  }
  return out;
}
