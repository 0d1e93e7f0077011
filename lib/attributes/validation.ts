import type { AttributeDefinition } from "@/db/schema";

// One validation for custom attribute values on every path (form, import,
// API): strings as typed in a form or a CSV cell, or typed JSON values.

export type AttributeValue = string | number | boolean;
export type AttributeValues = Record<string, AttributeValue>;
type Definition = Pick<AttributeDefinition, "key" | "label" | "type" | "options">;

export type AttributeCheck = { ok: true; value: AttributeValue | undefined } | { ok: false; message: string };

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const WRITTEN_DATE = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/;

/**
 * How a workspace writes a date by hand: month first where that is the
 * custom (the United States and its territories, the Philippines, the
 * Micronesian states), day first elsewhere. Dates are stored as ISO days
 * whatever the order; this is what a typed or imported "03/04/2026" means
 * and what an error message shows as its example.
 */
export type DateOrder = "mdy" | "dmy";
const MONTH_FIRST = new Set(["US", "AS", "GU", "MP", "PR", "UM", "VI", "PH", "FM", "MH", "PW"]);

export function dateOrderOf(country: string): DateOrder {
  return MONTH_FIRST.has(country.toUpperCase()) ? "mdy" : "dmy";
}

function isoDay(year: number, month: number, day: number): string | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** An ISO day (2026-12-31), or with an order also 12/31/2026 or 31/12/2026; null when it is no real day. */
function parseDay(text: string, order: DateOrder | undefined): string | null {
  const iso = DATE.exec(text);
  if (iso) return isoDay(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const written = order ? WRITTEN_DATE.exec(text) : null;
  if (!written) return null;
  const [first, second] = [Number(written[1]), Number(written[2])];
  return order === "mdy" ? isoDay(Number(written[3]), first, second) : isoDay(Number(written[3]), second, first);
}

function dateMessage(label: string, order: DateOrder | undefined): string {
  if (!order) return `${label} must be a date (YYYY-MM-DD).`;
  return `${label} must be a date, like ${order === "mdy" ? "12/31/2026 (MM/DD/YYYY)" : "31/12/2026 (DD/MM/YYYY)"}.`;
}

const TRUE = new Set(["true", "yes", "y", "1"]);
const FALSE = new Set(["false", "no", "n", "0"]);

/**
 * Checks one value against its definition; empty means "no value". With a
 * date order (a contact being written: form, import, API) a date may also be
 * written the workspace's way and the message shows that way; without one
 * (URL filters, which the date pickers fill) only ISO days are dates.
 */
export function checkAttributeValue(def: Definition, raw: unknown, dateOrder?: DateOrder): AttributeCheck {
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
    case "date": {
      const day = typeof text === "string" ? parseDay(text, dateOrder) : null;
      return day ? { ok: true, value: day } : { ok: false, message: dateMessage(def.label, dateOrder) };
    }
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
