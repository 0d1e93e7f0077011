import { z } from "zod";
import type { AttributeDefinition } from "@/db/schema";
import type { Result } from "@/lib/result";
import { enumParam, pageParam, parseSearchParams, searchParamsObject, type ParseMode, type SearchParams } from "@/lib/validation/search-params";
import { filterParams, filterParamsShape, filtersFromParams, groupAttributeParams, type ContactFilters } from "./filters";

// The contacts page's state as it lives in the URL (shareable, Back works):
// the filters of the registry (./filters.ts), then sort, page size and page.
// One zod schema reads it for the page, the lists' pages, export and the
// API: leniently for a page, strictly (with field errors) for an API.

export const SORTS = ["name", "company", "activity", "created"] as const;
export type ContactSort = (typeof SORTS)[number];
export const SORT_LABELS: Record<ContactSort, string> = {
  name: "Name",
  company: "Company",
  activity: "Recent activity",
  created: "Recently created",
};

export const PAGE_SIZES = [10, 20, 50, 100] as const;
export const DEFAULT_PAGE_SIZE = 50;

export type ContactQuery = ContactFilters & { sort: ContactSort; size: number; page: number };

/** A page size outside 10/20/50/100 is clamped to the nearest allowed one at or below it (at least 10). */
export function clampPageSize(raw: string | undefined): number {
  const n = Number.parseInt(raw ?? "", 10);
  if (!Number.isFinite(n)) return DEFAULT_PAGE_SIZE;
  return [...PAGE_SIZES].reverse().find((size) => size <= n) ?? PAGE_SIZES[0];
}

const SIZE_TEXTS = ["10", "20", "50", "100"] as const satisfies readonly `${(typeof PAGE_SIZES)[number]}`[];

function pagingShape(mode: ParseMode) {
  if (mode === "strict") {
    return {
      sort: enumParam(SORTS, "sort").optional(),
      size: z
        .enum(SIZE_TEXTS, { error: `size must be one of: ${PAGE_SIZES.join(", ")}.` })
        .optional()
        .transform((size) => (size ? Number(size) : DEFAULT_PAGE_SIZE)),
      page: pageParam(mode),
    };
  }
  return {
    sort: z.enum(SORTS).optional().catch(undefined),
    size: z.string().optional().catch(undefined).transform(clampPageSize),
    page: pageParam(mode),
  };
}

function buildSchema(mode: ParseMode, defs?: AttributeDefinition[]) {
  return searchParamsObject({ ...filterParamsShape(mode, defs), ...pagingShape(mode) }, groupAttributeParams).transform(
    (parsed): ContactQuery => ({
      ...filtersFromParams(parsed),
      sort: (parsed.sort as ContactSort | undefined) ?? "name",
      size: parsed.size as number,
      page: parsed.page as number,
    }),
  );
}

const SCHEMAS = { lenient: buildSchema("lenient"), strict: buildSchema("strict") };

/**
 * The zod schema of the contacts query string (a page's searchParams, or
 * defineRoute's query object). Lenient never fails: a bad value is ignored or
 * reset to its default. Strict reports it, keyed by parameter (`status`,
 * `consent.sms`, `a.tier`, `size`); given the workspace's attribute
 * definitions it also checks each `a.` filter against its attribute.
 */
export function contactQuerySchema(mode: ParseMode = "lenient", defs?: AttributeDefinition[]) {
  return defs ? buildSchema(mode, defs) : SCHEMAS[mode];
}

export type StrictOptions = { strict: true; attributes?: AttributeDefinition[] };

/** The contacts query from a query string: leniently (as a page reads it), or strictly with field errors. */
export function parseContactQuery(params: SearchParams): ContactQuery;
export function parseContactQuery(params: SearchParams, options: StrictOptions): Result<ContactQuery>;
export function parseContactQuery(params: SearchParams, options?: StrictOptions): ContactQuery | Result<ContactQuery> {
  if (!options?.strict) return parseSearchParams(params, SCHEMAS.lenient, "lenient");
  return parseSearchParams(params, contactQuerySchema("strict", options.attributes), "strict");
}

/** The URL search string for a query, leaving out defaults so links stay short. */
export function contactQueryString(query: ContactQuery, changes: Partial<ContactQuery> = {}): string {
  const next = { ...query, ...changes };
  const params = new URLSearchParams(filterParams(next));
  if (next.sort !== "name") params.set("sort", next.sort);
  if (next.size !== DEFAULT_PAGE_SIZE) params.set("size", String(next.size));
  if (next.page > 1) params.set("page", String(next.page));
  const text = params.toString();
  return text ? `?${text}` : "";
}
