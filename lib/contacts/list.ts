import { sql, type SQL } from "drizzle-orm";
import { queryRows } from "@/db/query";
import type { AttributeDefinition, Channel, ContactSource, ContactStatus, ConsentState } from "@/db/schema";
import { listAttributeDefinitions } from "@/lib/attributes/definitions";
import { countAttributeValue } from "@/lib/attributes/value-counts";
import { singleValueFilter } from "./attribute-filters";
import { contactConditions, isFiltered, type ContactFilters } from "./filters";
import type { Ctx } from "@/lib/auth/actor";
import { contactUsage } from "./limit";
import { formatPhone } from "./phone";
import type { ContactQuery, ContactSort } from "./query";

export type ContactRow = {
  id: string;
  displayName: string;
  company: string | null;
  phoneE164: string | null;
  phone: string;
  email: string | null;
  status: ContactStatus;
  lastActivityAt: Date | null;
  sessionCount: number;
  starred: boolean;
  source: ContactSource;
  preferredChannel: Channel | null;
  externalId: string | null;
  timezone: string | null;
  addressCity: string | null;
  addressCountry: string | null;
  createdAt: Date;
  consentSms: ConsentState;
  consentWhatsapp: ConsentState;
  consentEmail: ConsentState;
  attributes: Record<string, unknown>;
};

export type ContactPage = {
  rows: ContactRow[];
  total: number;
  /** False above COUNT_CAP matches with filters: `total` is then the planner's estimate. */
  totalExact: boolean;
  page: number;
  size: number;
  pages: number;
};

/**
 * Filtered totals are counted exactly up to this many matches, estimated
 * above ("about 12K"). Counting is the costly half of a broad search (a
 * 3-letter search spent 35 ms counting to 10,001 at 1,000,000 contacts).
 */
export const COUNT_CAP = 1_000;

// Each sort matches one index (db/schema.ts) exactly, forwards and backwards,
// so a page is an index walk, never a sort of the workspace.
export const ORDER: Record<ContactSort, { forward: string; backward: string }> = {
  name: { forward: "lower(c.display_name) ASC, c.id ASC", backward: "lower(c.display_name) DESC, c.id DESC" },
  company: {
    forward: "lower(c.company) ASC NULLS LAST, c.id ASC",
    backward: "lower(c.company) DESC NULLS FIRST, c.id DESC",
  },
  activity: {
    forward: "c.last_activity_at DESC NULLS LAST, c.id DESC NULLS LAST",
    backward: "c.last_activity_at ASC NULLS FIRST, c.id ASC NULLS FIRST",
  },
  created: {
    forward: "c.created_at DESC NULLS LAST, c.id DESC NULLS LAST",
    backward: "c.created_at ASC NULLS FIRST, c.id ASC NULLS FIRST",
  },
};

async function estimateMatches(ctx: Ctx, where: SQL): Promise<number> {
  const [plan] = await queryRows<{ "QUERY PLAN": unknown }>(ctx.db, sql`EXPLAIN (FORMAT JSON) SELECT 1 FROM contacts c WHERE ${where}`);
  const json = plan["QUERY PLAN"];
  const parsed = (typeof json === "string" ? JSON.parse(json) : json) as { Plan: { "Plan Rows": number } }[];
  return Math.round(parsed[0].Plan["Plan Rows"]);
}

async function countMatches(ctx: Ctx, where: SQL): Promise<{ total: number; exact: boolean }> {
  const [capped] = await queryRows<{ n: number | string }>(
    ctx.db,
    sql`SELECT count(*) AS n FROM (SELECT 1 FROM contacts c WHERE ${where} LIMIT ${COUNT_CAP + 1}) matches`,
  );
  const n = Number(capped.n);
  if (n <= COUNT_CAP) return { total: n, exact: true };
  // Only past a count that proved there are more than the cap: the planner's
  // estimate comes from statistics of the whole table, not of this workspace.
  return { total: Math.max(COUNT_CAP + 1, await estimateMatches(ctx, where)), exact: false };
}

async function countListMembers(ctx: Ctx, listId: string): Promise<{ total: number; exact: boolean }> {
  const [row] = await queryRows<{ n: number | string }>(
    ctx.db,
    sql`SELECT count(*) AS n FROM list_members WHERE workspace_id = ${ctx.workspaceId} AND list_id = ${listId}`,
  );
  return { total: Number(row.n), exact: true };
}

type RawRow = {
  id: string;
  display_name: string;
  company: string | null;
  phone_e164: string | null;
  email: string | null;
  status: ContactStatus;
  last_activity_at: Date | string | null;
  session_count: number;
  starred: boolean;
  source: ContactSource;
  preferred_channel: Channel | null;
  external_id: string | null;
  timezone: string | null;
  address_city: string | null;
  address_country: string | null;
  created_at: Date | string;
  consent_sms: ConsentState;
  consent_whatsapp: ConsentState;
  consent_email: ConsentState;
  attributes: Record<string, unknown> | string;
};

// The columns a table row can show (see lib/contacts/columns.ts).
const ROW_COLUMNS = sql.raw(
  "c.id, c.display_name, c.company, c.phone_e164, c.email, c.status, c.last_activity_at, c.session_count, c.source, " +
    "c.preferred_channel, c.external_id, c.timezone, c.address_city, c.address_country, c.created_at, " +
    "c.consent_sms, c.consent_whatsapp, c.consent_email, c.attributes",
);

function toRow(r: RawRow, workspaceCountry: string): ContactRow {
  return {
    id: r.id,
    displayName: r.display_name,
    company: r.company,
    phoneE164: r.phone_e164,
    phone: formatPhone(r.phone_e164, workspaceCountry),
    email: r.email,
    status: r.status,
    lastActivityAt: r.last_activity_at ? new Date(r.last_activity_at) : null,
    sessionCount: r.session_count,
    starred: r.starred,
    source: r.source,
    preferredChannel: r.preferred_channel,
    externalId: r.external_id,
    timezone: r.timezone,
    addressCity: r.address_city,
    addressCountry: r.address_country,
    createdAt: new Date(r.created_at),
    consentSms: r.consent_sms,
    consentWhatsapp: r.consent_whatsapp,
    consentEmail: r.consent_email,
    attributes: typeof r.attributes === "string" ? JSON.parse(r.attributes) : r.attributes,
  };
}

type Usage = { count: number; limit: number | null };

/**
 * How many contacts match: exactly when that is cheap (no filter: the kept
 * count; a list alone: its members; one dropdown or boolean value: its kept
 * count; otherwise up to COUNT_CAP matches), else the planner's estimate
 * (`exact: false`). The contacts page and the API both count through here.
 */
export async function countContacts(
  ctx: Ctx,
  query: ContactFilters,
  defs: AttributeDefinition[],
  readUsage: () => Promise<Usage> = () => contactUsage(ctx),
  where: SQL = contactConditions(ctx, query, defs),
): Promise<{ total: number; exact: boolean }> {
  if (!isFiltered(query)) return readUsage().then((u) => ({ total: u.count, exact: true }));
  // A list page (the list its only filter) counts its members, exactly:
  // each member is a contact of the workspace (the foreign key cascades).
  if (query.listId && !isFiltered({ ...query, listId: undefined })) return countListMembers(ctx, query.listId);
  // One dropdown or boolean value its only filter: the maintained count, exact at any size.
  const oneValue = isFiltered({ ...query, attributes: {} }) ? null : singleValueFilter(defs, query.attributes);
  if (oneValue) return countAttributeValue(ctx, oneValue.key, oneValue.value).then((n) => ({ total: n, exact: true }));
  return countMatches(ctx, where);
}

/**
 * One page of contacts. `opts.usage` and `opts.defs` let a page that reads the
 * workspace's usage and attribute definitions anyway share them (one query
 * each per request instead of two).
 */
export async function listContacts(
  ctx: Ctx,
  query: ContactQuery,
  opts: { usage?: () => Promise<Usage>; defs?: () => Promise<AttributeDefinition[]> } = {},
): Promise<ContactPage> {
  const readDefs = opts.defs ?? (() => listAttributeDefinitions(ctx));
  const readUsage = opts.usage ?? (() => contactUsage(ctx));
  const defs = Object.keys(query.attributes).length > 0 ? await readDefs() : [];
  const where = contactConditions(ctx, query, defs);
  const countTotal = () => countContacts(ctx, query, defs, readUsage, where);
  if (query.page <= 1) {
    // A search that fills less than a page has counted itself: a name, an
    // email or a run of digits usually does, so fetch first and count only
    // when the page is full. A short term (1–3 characters) usually matches
    // many: count at the same time, for the latency.
    if (isFiltered(query) && !mayMatchMany(query)) {
      const raw = await pageRows(ctx, where, query, 0, query.size, false);
      const counted = raw.length < query.size ? { total: raw.length, exact: true } : await countTotal();
      return page(ctx, raw, counted, 1, query.size);
    }
    // The first page needs no total to be found: count and fetch at once.
    const [counted, raw] = await Promise.all([countTotal(), pageRows(ctx, where, query, 0, query.size, false)]);
    return page(ctx, raw, counted, 1, query.size);
  }
  const counted = await countTotal();
  const pages = Math.max(1, Math.ceil(counted.total / query.size));
  const pageNumber = Math.min(query.page, pages);
  const offset = (pageNumber - 1) * query.size;
  // Past the middle of an exactly counted list, walk the index from the far
  // end: the last page costs what the first does.
  const fromEnd = counted.exact && offset > counted.total / 2;
  const limit = fromEnd ? Math.min(query.size, counted.total - offset) : query.size;
  const innerOffset = fromEnd ? Math.max(0, counted.total - offset - query.size) : offset;
  return page(ctx, await pageRows(ctx, where, query, innerOffset, limit, fromEnd), counted, pageNumber, query.size);
}

/** Whether a filtered query probably matches more than a page: no search text, or a short one. */
function mayMatchMany(query: ContactQuery): boolean {
  return query.q.trim().replace(/\s+/g, "").length < 4;
}

/** Deferred join: page through ids only (an index-only scan), then fetch the rows of the page. */
function pageRows(ctx: Ctx, where: SQL, query: ContactQuery, offset: number, limit: number, fromEnd: boolean): Promise<RawRow[]> {
  const order = ORDER[query.sort];
  const ids = isListPage(query)
    ? listMemberIds(ctx, query.listId!, offset, limit, fromEnd)
    : sql`SELECT c.id FROM contacts c WHERE ${where} ORDER BY ${sql.raw(fromEnd ? order.backward : order.forward)} LIMIT ${limit} OFFSET ${offset}`;
  return queryRows<RawRow>(
    ctx.db,
    sql`SELECT ${ROW_COLUMNS},
               EXISTS (SELECT 1 FROM favorites f WHERE f.workspace_id = c.workspace_id AND f.contact_id = c.id
                       AND f.user_id = ${ctx.actor.userId}) AS starred
        FROM (${ids}) page
        JOIN contacts c ON c.workspace_id = ${ctx.workspaceId} AND c.id = page.id
        ORDER BY ${sql.raw(order.forward)}`,
  );
}

/** A list page in name order, the list its only filter. */
function isListPage(query: ContactQuery): boolean {
  return Boolean(query.listId) && query.sort === "name" && !isFiltered({ ...query, listId: undefined });
}

/**
 * The ids of one page of a list's members in name order, from the members'
 * sort keys (list_members_sort_idx; migration 0011 keeps each the contact's
 * lower(display_name)), instead of walking every contact by name and probing
 * the list for each.
 */
function listMemberIds(ctx: Ctx, listId: string, offset: number, limit: number, fromEnd: boolean): SQL {
  const dir = sql.raw(fromEnd ? "DESC" : "ASC");
  return sql`SELECT m.contact_id AS id FROM list_members m WHERE m.workspace_id = ${ctx.workspaceId} AND m.list_id = ${listId}
             ORDER BY m.sort_name ${dir}, m.contact_id ${dir} LIMIT ${limit} OFFSET ${offset}`;
}

function page(ctx: Ctx, raw: RawRow[], counted: { total: number; exact: boolean }, pageNumber: number, size: number): ContactPage {
  const country = ctx.actor.workspace.defaultCountry;
  return {
    rows: raw.map((r) => toRow(r, country)),
    total: counted.total,
    totalExact: counted.exact,
    page: pageNumber,
    size,
    pages: Math.max(1, Math.ceil(counted.total / size)),
  };
}

/** The current user's starred contacts, for the Favorites section and the invite picker. */
export async function listFavorites(ctx: Ctx, limit = 100): Promise<ContactRow[]> {
  const favoritesQuery: Partial<ContactFilters> = { favorites: true };
  const raw = await queryRows<RawRow>(
    ctx.db,
    sql`SELECT ${ROW_COLUMNS}, true AS starred
        FROM contacts c WHERE ${contactConditions(ctx, favoritesQuery)}
        ORDER BY ${sql.raw(ORDER.name.forward)} LIMIT ${limit}`,
  );
  const country = ctx.actor.workspace.defaultCountry;
  return raw.map((r) => toRow(r, country));
}
