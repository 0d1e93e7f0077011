import { z } from "zod";
import { ok, type Result } from "@/lib/result";
import { invalidInput } from "./zod-errors";

// Query strings parsed by zod, for pages, downloads and the JSON API alike.
// One schema serves two modes: a page is lenient (a bad value a user edited
// into the URL is ignored or reset to its default, so the page never fails),
// an API is strict (the same bad value is a field error named after its
// parameter).

/** A query string as a page receives it, as defineRoute passes it (repeated names as arrays), or as a URL holds it. */
export type SearchParams = Record<string, string | string[] | undefined> | URLSearchParams;

export type ParseMode = "lenient" | "strict";

/**
 * Each parameter's first value, trimmed, with empty values left out. NUL
 * characters are dropped: PostgreSQL text cannot hold one (a query bound to
 * it fails), so it can match nothing.
 */
export function firstValues(params: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  const entries = params instanceof URLSearchParams ? params.entries() : Object.entries(params && typeof params === "object" ? params : {});
  for (const [name, raw] of entries) {
    if (Object.hasOwn(out, name)) continue;
    const first: unknown = Array.isArray(raw) ? raw[0] : raw;
    const value = typeof first === "string" ? first.replaceAll("\u0000", "").trim() : "";
    if (value) out[name] = value;
  }
  return out;
}

/**
 * A query string's schema: each parameter's first value (see firstValues),
 * `group`ed if some parameters form one value, then checked by `shape`
 * (keyed by parameter name, so a field error names the parameter).
 */
export function searchParamsObject<S extends z.ZodRawShape>(shape: S, group: (values: Record<string, string>) => Record<string, unknown> = (values) => values) {
  return z.preprocess((raw) => group(firstValues(raw)), z.object(shape));
}

/** An optional parameter: a bad value is a field error (strict) or as if absent (lenient). */
export function optionalParam<T extends z.ZodType>(schema: T, mode: ParseMode) {
  return mode === "strict" ? schema.optional() : schema.optional().catch(undefined);
}

/** One of an enum's values. */
export function enumParam<const T extends readonly [string, ...string[]]>(values: T, name: string) {
  return z.enum(values, { error: `${name} must be one of: ${values.join(", ")}.` });
}

export const uuidParam = (name: string) => z.guid({ error: `${name} must be an id.` });

function isCalendarDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return date.getUTCFullYear() === Number(m[1]) && date.getUTCMonth() === Number(m[2]) - 1 && date.getUTCDate() === Number(m[3]);
}

/** A day as YYYY-MM-DD that exists (2026-02-30 does not: PostgreSQL would refuse it). */
export const dateParam = (name: string) => z.string().refine(isCalendarDate, { error: `${name} must be a date (YYYY-MM-DD).` });

/**
 * A page number from 1, 1 when absent. Lenient reads it as parseInt does
 * ("3abc" is 3) and takes anything below 1 or unreadable as 1.
 */
export function pageParam(mode: ParseMode) {
  if (mode === "strict") {
    return z
      .string()
      .regex(/^\d+$/, { error: "page must be a whole number from 1." })
      .transform(Number)
      .refine((n) => n >= 1 && Number.isSafeInteger(n), { error: "page must be a whole number from 1." })
      .optional()
      .transform((n) => n ?? 1);
  }
  return z
    .string()
    .optional()
    .catch(undefined)
    .transform((raw) => {
      const n = Number.parseInt(raw ?? "1", 10);
      return Number.isFinite(n) && n >= 1 ? n : 1;
    });
}

/**
 * Parses a query string by a schema built for the mode (see
 * searchParamsObject). Lenient gives the value; strict gives a Result whose
 * field errors are keyed by parameter name.
 */
export function parseSearchParams<T>(params: SearchParams, schema: z.ZodType<T>, mode: "lenient"): T;
export function parseSearchParams<T>(params: SearchParams, schema: z.ZodType<T>, mode: "strict"): Result<T>;
export function parseSearchParams<T>(params: SearchParams, schema: z.ZodType<T>, mode: ParseMode): T | Result<T> {
  const parsed = schema.safeParse(params);
  if (mode === "strict") return parsed.success ? ok(parsed.data) : invalidInput(parsed.error);
  // A lenient schema catches every bad value; failing here is a bug in it, not the user's URL.
  if (!parsed.success) throw parsed.error;
  return parsed.data;
}
