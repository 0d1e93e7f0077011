import { sql, type SQL } from "drizzle-orm";
import type { AttributeDefinition } from "@/db/schema";
import { checkAttributeValue } from "@/lib/attributes/validation";
import { likePattern } from "./search";

/** A custom attribute filter's name in the URL after `a.`: the key, and for a range its bound (`score.min`, `renewal.from`). */
export const ATTRIBUTE_FILTER_NAME = /^([a-z][a-z0-9_]*)(\.(min|max|from|to))?$/;

/** The URL bounds each type is filtered by; the others are filtered by one value. */
const BOUNDS: Partial<Record<AttributeDefinition["type"], [string, string]>> = { number: ["min", "max"], date: ["from", "to"] };

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

/**
 * The one dropdown or boolean value the filters test, when they are exactly
 * that (`tier=Gold`): such a page is counted from the maintained value counts
 * (lib/attributes/value-counts.ts). Null for anything else, including a filter
 * attributeConditions would ignore.
 */
export function singleValueFilter(defs: AttributeDefinition[], filters: Record<string, string>): { key: string; value: string | boolean } | null {
  const entries = Object.entries(filters);
  if (entries.length !== 1) return null;
  const [name, raw] = entries[0];
  const def = defs.find((d) => d.key === name);
  if (!def || (def.type !== "dropdown" && def.type !== "boolean")) return null;
  const checked = checkAttributeValue(def, raw);
  if (!checked.ok || (typeof checked.value !== "string" && typeof checked.value !== "boolean")) return null;
  return { key: def.key, value: checked.value };
}

/**
 * Why each filter attributeConditions would ignore is wrong, keyed by its
 * URL parameter (`a.tier`): for an API, which reports them instead.
 */
export function attributeFilterErrors(defs: Pick<AttributeDefinition, "key" | "label" | "type" | "options">[], filters: Record<string, string>): Record<string, string> {
  const byKey = new Map(defs.map((d) => [d.key, d]));
  const errors: Record<string, string> = {};
  for (const [name, raw] of Object.entries(filters)) {
    const [key, bound] = name.split(".");
    const def = byKey.get(key);
    const bounds = def && BOUNDS[def.type];
    if (!def) errors[`a.${name}`] = `There is no custom attribute "${key}".`;
    else if (bounds && !bounds.includes(bound)) errors[`a.${name}`] = `Filter ${def.label} with a.${key}.${bounds[0]} and a.${key}.${bounds[1]}.`;
    else if (!bounds && bound) errors[`a.${name}`] = `Filter ${def.label} with a.${key}, by one value.`;
    else {
      const checked = checkAttributeValue(def, raw);
      if (!checked.ok) errors[`a.${name}`] = checked.message;
    }
  }
  return errors;
}
