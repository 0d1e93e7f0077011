import type { AttributeDefinition } from "@/db/schema";

// One validation for custom attribute values on every path (form, import,
// API): strings as typed in a form or a CSV cell, or typed JSON values.

export type AttributeValue = string | number | boolean;
export type AttributeValues = Record<string, AttributeValue>;
type Definition = Pick<AttributeDefinition, "key" | "label" | "type" | "options">;

export type AttributeCheck = { ok: true; value: AttributeValue | undefined } | { ok: false; message: string };

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isRealDate(text: string): boolean {
  const m = DATE.exec(text);
  if (!m) return false;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return date.getUTCFullYear() === Number(m[1]) && date.getUTCMonth() === Number(m[2]) - 1 && date.getUTCDate() === Number(m[3]);
}

const TRUE = new Set(["true", "yes", "y", "1"]);
const FALSE = new Set(["false", "no", "n", "0"]);

/** Checks one value against its definition; empty means "no value". */
export function checkAttributeValue(def: Definition, raw: unknown): AttributeCheck {
  if (raw === undefined || raw === null || (typeof raw === "string" && raw.trim() === "")) return { ok: true, value: undefined };
  const text = typeof raw === "string" ? raw.trim() : raw;
  switch (def.type) {
    case "text":
      if (typeof text !== "string" && typeof text !== "number") return { ok: false, message: `${def.label} must be text.` };
      if (String(text).length > 1000) return { ok: false, message: `${def.label} can be at most 1000 characters.` };
      return { ok: true, value: String(text) };
    case "number": {
      const n = typeof text === "number" ? text : typeof text === "string" && /^-?\d+(\.\d+)?$/.test(text.replace(/,/g, "")) ? Number(text.replace(/,/g, "")) : NaN;
      return Number.isFinite(n) ? { ok: true, value: n } : { ok: false, message: `${def.label} must be a number.` };
    }
    case "date":
      return typeof text === "string" && isRealDate(text)
        ? { ok: true, value: text }
        : { ok: false, message: `${def.label} must be a date (YYYY-MM-DD).` };
    case "dropdown": {
      const match = def.options.find((o) => o.toLowerCase() === String(text).toLowerCase());
      return match !== undefined
        ? { ok: true, value: match }
        : { ok: false, message: `${def.label} must be one of: ${def.options.join(", ")}.` };
    }
    case "boolean": {
      if (typeof text === "boolean") return { ok: true, value: text };
      const word = String(text).toLowerCase();
      if (TRUE.has(word)) return { ok: true, value: true };
      if (FALSE.has(word)) return { ok: true, value: false };
      return { ok: false, message: `${def.label} must be yes or no.` };
    }
  }
}

/**
 * contacts.attribute_text, what search sees of custom attributes: the text
 * and dropdown values, in key order, space-joined. The SQL function
 * sb_attribute_text (db/sql) computes the same for rows changed in bulk in
 * SQL; tests/contacts/rules.test.ts checks that the two agree.
 */
export function attributeSearchText(defs: Definition[], values: AttributeValues): string | null {
  const searchable = new Set(defs.filter((d) => d.type === "text" || d.type === "dropdown").map((d) => d.key));
  const parts = Object.keys(values)
    .filter((key) => searchable.has(key))
    .sort()
    .map((key) => String(values[key]));
  return parts.length > 0 ? parts.join(" ") : null;
}
