import { sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import {
  channelEnum,
  consentStateEnum,
  contactSourceEnum,
  contactStatusEnum,
  type AttributeDefinition,
  type Channel,
  type ConsentState,
  type ContactSource,
  type ContactStatus,
} from "@/db/schema";
import type { Ctx } from "@/lib/auth/actor";
import { CHANNEL_LABELS, CONSENT_STATE_LABELS, CONTACT_SOURCE_LABELS, CONTACT_STATUS_LABELS } from "@/lib/enum-labels";
import { dateParam, enumParam, optionalParam, uuidParam, type ParseMode } from "@/lib/validation/search-params";
import { ATTRIBUTE_FILTER_NAME, attributeConditions, attributeFilterErrors } from "./attribute-filters";
import { searchConditions } from "./search";

/** What narrows the contacts list: the search text and each filter, as the page, export, API and bulk actions share them. */
export type ContactFilters = {
  q: string;
  status?: ContactStatus;
  source?: ContactSource;
  country?: string;
  activityFrom?: string;
  activityTo?: string;
  /** Only members of this list. */
  listId?: string;
  /** Consent state per channel, e.g. { sms: "unsubscribed" }. */
  consent: Partial<Record<Channel, ConsentState>>;
  /** Custom attribute filters as in the URL without the "a." prefix: `tier`, `score.min`, `renewal.from`… */
  attributes: Record<string, string>;
  favorites: boolean;
};
export type FilterKey = keyof ContactFilters;

/** Names the toolbar shows in chips instead of ids and keys. */
export type FilterNames = {
  lists: { id: string; name: string }[];
  attributes: Pick<AttributeDefinition, "key" | "label" | "type">[];
};

/** One active filter as the toolbar shows it, and the change to the query that removes it. */
export type FilterChip = { id: string; label: string; without: Partial<ContactFilters> };

type SqlEnv = { ctx: Pick<Ctx, "actor">; defs: AttributeDefinition[] };

/**
 * One filter: its URL parameters and how each parses (zod, keyed by
 * parameter name, lenient or strict), its value in ContactFilters, the SQL it
 * adds to the list's WHERE clause, and its chip. Method syntax on purpose:
 * the registry holds filters of different value types as Filter<FilterKey>.
 */
type Filter<K extends FilterKey> = {
  key: K;
  /** Its control's label in the toolbar. */
  label: string;
  /** `defs`: a strict parse also checks attribute filters against the workspace's attributes. */
  params(mode: ParseMode, defs?: AttributeDefinition[]): z.ZodRawShape;
  /** Its value from its parsed parameters. */
  value(parsed: Record<string, unknown>): ContactFilters[K];
  /** Its URL parameters for a value (none for the empty value, so links stay short). */
  toParams(value: ContactFilters[K]): [string, string][];
  /** Whether the value narrows the list (then totals are counted, Favorites are not shown, ...). */
  isSet(value: ContactFilters[K]): boolean;
  where(value: ContactFilters[K] | undefined, env: SqlEnv): SQL[];
  chips(value: ContactFilters[K], names: FilterNames): FilterChip[];
};

const filter = <K extends FilterKey>(definition: Filter<K>): Filter<K> => definition;

/** A filter read from one URL parameter into one optional value. */
function single<K extends "status" | "source" | "country" | "activityFrom" | "activityTo" | "listId">(
  key: K,
  param: string,
  label: string,
  schema: z.ZodType<NonNullable<ContactFilters[K]>>,
  condition: (value: NonNullable<ContactFilters[K]>, env: SqlEnv) => SQL,
  chip: (value: NonNullable<ContactFilters[K]>, names: FilterNames) => string,
): Filter<K> {
  return filter<K>({
    key,
    label,
    params: (mode) => ({ [param]: optionalParam(schema, mode) }),
    value: (parsed) => parsed[param] as ContactFilters[K],
    toParams: (value) => (value ? [[param, String(value)]] : []),
    isSet: (value) => Boolean(value),
    where: (value, env) => (value ? [condition(value as NonNullable<ContactFilters[K]>, env)] : []),
    chips: (value, names) => (value ? [{ id: key, label: chip(value as NonNullable<ContactFilters[K]>, names), without: { [key]: undefined } }] : []),
  });
}

const search = filter({
  key: "q",
  label: "Search",
  params: (mode) => ({
    q: mode === "strict" ? z.string().max(200, { error: "q must be at most 200 characters." }).optional() : z.string().optional().catch(undefined).transform((q) => q?.slice(0, 200)),
  }),
  value: (parsed) => (parsed.q as string | undefined) ?? "",
  toParams: (q) => (q ? [["q", q]] : []),
  isSet: (q) => Boolean(q),
  where: (q, { ctx }) => searchConditions(q ?? "", ctx.actor.workspace.defaultCountry),
  // The search box shows it.
  chips: () => [],
});

const CONSENT_COLUMNS: Record<Channel, string> = { sms: "c.consent_sms", whatsapp: "c.consent_whatsapp", email: "c.consent_email" };

const consent = filter({
  key: "consent",
  label: "Consent",
  params: (mode) =>
    Object.fromEntries(channelEnum.enumValues.map((channel) => [`consent.${channel}`, optionalParam(enumParam(consentStateEnum.enumValues, `consent.${channel}`), mode)])),
  value: (parsed) => {
    const out: ContactFilters["consent"] = {};
    for (const channel of channelEnum.enumValues) {
      const state = parsed[`consent.${channel}`] as ConsentState | undefined;
      if (state) out[channel] = state;
    }
    return out;
  },
  toParams: (value) => Object.entries(value).map(([channel, state]) => [`consent.${channel}`, state]),
  isSet: (value) => Object.keys(value).length > 0,
  where: (value) => (Object.entries(value ?? {}) as [Channel, ConsentState][]).map(([channel, state]) => sql`${sql.raw(CONSENT_COLUMNS[channel])} = ${state}`),
  chips: (value) =>
    (Object.entries(value) as [Channel, ConsentState][]).map(([channel, state]) => {
      const { [channel]: _removed, ...rest } = value;
      return { id: `consent.${channel}`, label: `${CHANNEL_LABELS[channel]} consent: ${CONSENT_STATE_LABELS[state]}`, without: { consent: rest } };
    }),
});

const MAX_ATTRIBUTE_VALUE = 200;

/** The `a.<name>` parameters, as one record by name (in name order: the order of their conditions). */
export function groupAttributeParams(values: Record<string, string>): Record<string, unknown> {
  const names = Object.keys(values)
    .filter((name) => name.startsWith("a."))
    .sort();
  return names.length > 0 ? { ...values, a: Object.fromEntries(names.map((name) => [name.slice(2), values[name]])) } : values;
}

function attributeParams(mode: ParseMode, defs?: AttributeDefinition[]) {
  const record = z.record(z.string(), z.string());
  if (mode === "lenient") {
    return record
      .optional()
      .catch(undefined)
      .transform((a) =>
        Object.fromEntries(Object.entries(a ?? {}).flatMap(([name, value]) => (ATTRIBUTE_FILTER_NAME.test(name) ? [[name, value.slice(0, MAX_ATTRIBUTE_VALUE)]] : []))),
      );
  }
  return record
    .superRefine((a, ctx) => {
      for (const [name, value] of Object.entries(a)) {
        if (!ATTRIBUTE_FILTER_NAME.test(name)) ctx.addIssue({ code: "custom", path: [name], message: `a.${name} is not a custom attribute filter: use a.<key>, or a.<key>.min/max/from/to.` });
        else if (value.length > MAX_ATTRIBUTE_VALUE) ctx.addIssue({ code: "custom", path: [name], message: `a.${name} must be at most ${MAX_ATTRIBUTE_VALUE} characters.` });
        else if (defs) for (const message of Object.values(attributeFilterErrors(defs, { [name]: value }))) ctx.addIssue({ code: "custom", path: [name], message });
      }
    })
    .optional()
    .transform((a) => a ?? {});
}

const BOUND_WORDS: Record<string, string> = { min: "at least", max: "at most", from: "from", to: "to" };

const attributes = filter({
  key: "attributes",
  label: "Custom attributes",
  params: (mode, defs) => ({ a: attributeParams(mode, defs) }),
  value: (parsed) => (parsed.a as Record<string, string> | undefined) ?? {},
  toParams: (value) => Object.entries(value).map(([name, raw]) => [`a.${name}`, raw]),
  isSet: (value) => Object.keys(value).length > 0,
  where: (value, { defs }) => attributeConditions(defs, value ?? {}),
  chips: (value, names) =>
    Object.entries(value).flatMap(([name, raw]) => {
      const [key, bound] = name.split(".");
      const def = names.attributes.find((d) => d.key === key);
      if (!def) return [];
      const { [name]: _removed, ...rest } = value;
      const label = bound ? `${def.label} ${BOUND_WORDS[bound]} ${raw}` : def.type === "text" ? `${def.label} contains “${raw}”` : `${def.label}: ${raw}`;
      return [{ id: `a.${name}`, label, without: { attributes: rest } }];
    }),
});

const favorites = filter({
  key: "favorites",
  label: "Favorites only",
  params: (mode) => ({ favorites: mode === "strict" ? z.literal("1", { error: "favorites must be 1 (or left out)." }).optional() : z.string().optional() }),
  value: (parsed) => parsed.favorites === "1",
  toParams: (on) => (on ? [["favorites", "1"]] : []),
  isSet: (on) => on,
  where: (on, { ctx }) =>
    on ? [sql`EXISTS (SELECT 1 FROM favorites f WHERE f.workspace_id = c.workspace_id AND f.contact_id = c.id AND f.user_id = ${ctx.actor.userId})`] : [],
  chips: (on) => (on ? [{ id: "favorites", label: "Favorites only", without: { favorites: false } }] : []),
});

/**
 * Every filter, in the order of its conditions in the WHERE clause (and of
 * its parameters in links). The order is the SQL the list was tuned with:
 * tests/contacts/query-sql.test.ts holds it to its recorded statements.
 */
export const FILTERS: readonly Filter<FilterKey>[] = [
  search,
  single("status", "status", "Status", enumParam(contactStatusEnum.enumValues, "status"), (status) => sql`c.status = ${status}`, (status) => `Status: ${CONTACT_STATUS_LABELS[status]}`),
  single("source", "source", "Source", enumParam(contactSourceEnum.enumValues, "source"), (source) => sql`c.source = ${source}`, (source) => `Source: ${CONTACT_SOURCE_LABELS[source]}`),
  single(
    "country",
    "country",
    "Phone country",
    z.string().toUpperCase().regex(/^[A-Z]{2}$/, { error: "country must be a two-letter country code." }),
    (country) => sql`c.phone_country = ${country}`,
    (country) => `Phone country: ${country}`,
  ),
  single("activityFrom", "from", "Last activity from", dateParam("from"), (day) => sql`c.last_activity_at >= ${`${day}T00:00:00Z`}::timestamptz`, (day) => `Last activity from ${day}`),
  single(
    "activityTo",
    "to",
    "Last activity to",
    dateParam("to"),
    (day) => sql`c.last_activity_at < (${`${day}T00:00:00Z`}::timestamptz + interval '1 day')`,
    (day) => `Last activity to ${day}`,
  ),
  single(
    "listId",
    "list",
    "List",
    uuidParam("list"),
    (listId) => sql`EXISTS (SELECT 1 FROM list_members m WHERE m.workspace_id = c.workspace_id AND m.list_id = ${listId} AND m.contact_id = c.id)`,
    (listId, names) => `List: ${names.lists.find((l) => l.id === listId)?.name ?? "a deleted list"}`,
  ),
  consent,
  attributes,
  favorites,
];

export function filterLabel(key: FilterKey): string {
  return FILTERS.find((f) => f.key === key)!.label;
}

/** Whether anything narrows the list, leaving out the filters in `ignore`. */
export function isFiltered(filters: ContactFilters, ignore: readonly FilterKey[] = []): boolean {
  return FILTERS.some((f) => !ignore.includes(f.key) && f.isSet(filters[f.key]));
}

/** The active filters as chips, leaving out those in `ignore` (search has its box; a list page's list is fixed). */
export function filterChips(filters: ContactFilters, names: FilterNames, ignore: readonly FilterKey[] = []): FilterChip[] {
  return FILTERS.flatMap((f) => (!ignore.includes(f.key) && f.isSet(filters[f.key]) ? f.chips(filters[f.key], names) : []));
}

/** The URL parameters of the filters, in registry order. */
export function filterParams(filters: ContactFilters): [string, string][] {
  return FILTERS.flatMap((f) => f.toParams(filters[f.key]));
}

/** The zod shape of every filter's parameters. */
export function filterParamsShape(mode: ParseMode, defs?: AttributeDefinition[]): z.ZodRawShape {
  return Object.assign({}, ...FILTERS.map((f) => f.params(mode, defs)));
}

/** The filters' values from their parsed parameters. */
export function filtersFromParams(parsed: Record<string, unknown>): ContactFilters {
  return Object.fromEntries(FILTERS.map((f) => [f.key, f.value(parsed)])) as ContactFilters;
}

/**
 * The WHERE clause on contacts `c` for some filters: always the workspace
 * first, then each filter's conditions in registry order. `defs` are the
 * workspace's attribute definitions (attribute filters are typed by them).
 */
export function contactConditions(ctx: Pick<Ctx, "workspaceId" | "actor">, filters: Partial<ContactFilters>, defs: AttributeDefinition[] = []): SQL {
  const env: SqlEnv = { ctx, defs };
  const conditions: SQL[] = [sql`c.workspace_id = ${ctx.workspaceId}`];
  for (const f of FILTERS) conditions.push(...f.where(filters[f.key], env));
  return sql.join(conditions, sql` AND `);
}
