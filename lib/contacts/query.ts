import { consentStateEnum, contactSourceEnum, contactStatusEnum, type ConsentState, type ContactSource, type ContactStatus } from "@/db/schema";

// The contacts page's state, as it lives in the URL (shareable, back button
// works). Pure functions: used by the server and by client components.

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

export type ContactQuery = {
  q: string;
  status?: ContactStatus;
  favorites: boolean;
  source?: ContactSource;
  country?: string;
  activityFrom?: string;
  activityTo?: string;
  /** Consent state per channel, e.g. { sms: "unsubscribed" }. */
  consent: Partial<Record<"sms" | "whatsapp" | "email", ConsentState>>;
  /** Only members of this list. */
  listId?: string;
  /** Custom attribute filters as in the URL without the "a." prefix: `tier`, `score.min`, `renewal.from`… */
  attributes: Record<string, string>;
  sort: ContactSort;
  size: number;
  page: number;
};

type Params = Record<string, string | string[] | undefined>;

function one(params: Params, key: string): string | undefined {
  const value = params[key];
  const text = Array.isArray(value) ? value[0] : value;
  return text?.trim() || undefined;
}

function pick<T extends string>(value: string | undefined, allowed: readonly T[]): T | undefined {
  return allowed.includes(value as T) ? (value as T) : undefined;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
function validDate(value: string | undefined): string | undefined {
  return value && DATE.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) ? value : undefined;
}

/** A page size outside 10/20/50/100 is clamped to the nearest allowed one at or below it (at least 10). */
export function clampPageSize(raw: string | undefined): number {
  const n = Number.parseInt(raw ?? "", 10);
  if (!Number.isFinite(n)) return DEFAULT_PAGE_SIZE;
  return [...PAGE_SIZES].reverse().find((size) => size <= n) ?? PAGE_SIZES[0];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ATTRIBUTE_PARAM = /^a\.([a-z][a-z0-9_]*)(\.(min|max|from|to))?$/;

function attributeParams(params: Params): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of Object.keys(params).sort()) {
    const match = ATTRIBUTE_PARAM.exec(name);
    const value = one(params, name);
    if (match && value) out[name.slice(2)] = value.slice(0, 200);
  }
  return out;
}

const CONSENT_CHANNELS = ["sms", "whatsapp", "email"] as const;

function consentParams(params: Params): ContactQuery["consent"] {
  const out: ContactQuery["consent"] = {};
  for (const channel of CONSENT_CHANNELS) {
    const state = pick(one(params, `consent.${channel}`), consentStateEnum.enumValues);
    if (state) out[channel] = state;
  }
  return out;
}

export function parseContactQuery(params: Params): ContactQuery {
  const page = Number.parseInt(one(params, "page") ?? "1", 10);
  const country = one(params, "country")?.toUpperCase();
  const listId = one(params, "list");
  return {
    q: (one(params, "q") ?? "").slice(0, 200),
    status: pick(one(params, "status"), contactStatusEnum.enumValues),
    favorites: one(params, "favorites") === "1",
    source: pick(one(params, "source"), contactSourceEnum.enumValues),
    country: country && /^[A-Z]{2}$/.test(country) ? country : undefined,
    activityFrom: validDate(one(params, "from")),
    activityTo: validDate(one(params, "to")),
    listId: listId && UUID.test(listId) ? listId : undefined,
    consent: consentParams(params),
    attributes: attributeParams(params),
    sort: pick(one(params, "sort"), SORTS) ?? "name",
    size: clampPageSize(one(params, "size")),
    page: Number.isFinite(page) && page >= 1 ? page : 1,
  };
}

/** Whether anything narrows the list (then totals must be counted, not read from the workspace counter). */
export function isFiltered(query: ContactQuery): boolean {
  return Boolean(
    query.q ||
      query.status ||
      query.favorites ||
      query.source ||
      query.country ||
      query.activityFrom ||
      query.activityTo ||
      query.listId ||
      Object.keys(query.consent).length > 0 ||
      Object.keys(query.attributes).length > 0,
  );
}

/** The URL search string for a query, leaving out defaults so links stay short. */
export function contactQueryString(query: ContactQuery, changes: Partial<ContactQuery> = {}): string {
  const next = { ...query, ...changes };
  const params = new URLSearchParams();
  if (next.q) params.set("q", next.q);
  if (next.status) params.set("status", next.status);
  if (next.favorites) params.set("favorites", "1");
  if (next.source) params.set("source", next.source);
  if (next.country) params.set("country", next.country);
  if (next.activityFrom) params.set("from", next.activityFrom);
  if (next.activityTo) params.set("to", next.activityTo);
  if (next.listId) params.set("list", next.listId);
  for (const [channel, state] of Object.entries(next.consent)) params.set(`consent.${channel}`, state);
  for (const [name, value] of Object.entries(next.attributes)) params.set(`a.${name}`, value);
  if (next.sort !== "name") params.set("sort", next.sort);
  if (next.size !== DEFAULT_PAGE_SIZE) params.set("size", String(next.size));
  if (next.page > 1) params.set("page", String(next.page));
  const text = params.toString();
  return text ? `?${text}` : "";
}
