import { sql, type SQL } from "drizzle-orm";
import { queryRows } from "@/db/query";
import { channelEnum, type Channel } from "@/db/schema";
import type { Ctx } from "@/lib/auth/actor";
import {
  dateParam,
  enumParam,
  optionalParam,
  pageParam,
  parseSearchParams,
  searchParamsObject,
  uuidParam,
  type ParseMode,
  type SearchParams,
} from "@/lib/validation/search-params";

export const SESSIONS_PAGE_SIZE = 50;

export type SessionFilters = { agent?: string; channel?: Channel; from?: string; to?: string };

export type SessionRow = {
  inviteId: string;
  sessionId: string;
  createdAt: Date;
  title: string;
  reference: string | null;
  agentName: string;
  channel: Channel;
  destination: string;
  contactId: string | null;
  contactName: string | null;
};

/** The Agent Portal's query string (also the report download's): lenient for the page, strict for an API. */
export function sessionFiltersSchema(mode: ParseMode) {
  return searchParamsObject({
    agent: optionalParam(uuidParam("agent"), mode),
    channel: optionalParam(enumParam(channelEnum.enumValues, "channel"), mode),
    from: optionalParam(dateParam("from"), mode),
    to: optionalParam(dateParam("to"), mode),
    page: pageParam(mode),
  });
}

const LENIENT = sessionFiltersSchema("lenient");

/** A bad value is ignored (page: 1), as a page must never fail on a hand-edited URL. */
export function parseSessionFilters(params: SearchParams): SessionFilters & { page: number } {
  return parseSearchParams(params, LENIENT, "lenient");
}

export function sessionConditions(ctx: Pick<Ctx, "workspaceId">, filters: SessionFilters): SQL {
  const conditions: SQL[] = [sql`i.workspace_id = ${ctx.workspaceId}`];
  if (filters.agent) conditions.push(sql`s.agent_user_id = ${filters.agent}`);
  if (filters.channel) conditions.push(sql`i.channel = ${filters.channel}`);
  if (filters.from) conditions.push(sql`i.created_at >= ${`${filters.from}T00:00:00Z`}::timestamptz`);
  if (filters.to) conditions.push(sql`i.created_at < ${`${filters.to}T00:00:00Z`}::timestamptz + interval '1 day'`);
  return sql.join(conditions, sql` AND `);
}

type Raw = {
  invite_id: string;
  session_id: string;
  created_at: Date | string;
  title: string;
  reference: string | null;
  agent_name: string;
  channel: Channel;
  destination: string;
  contact_id: string | null;
  contact_name: string | null;
};

export const SESSION_ROW_SQL = sql.raw(
  "i.id AS invite_id, s.id AS session_id, i.created_at, s.title, s.reference, s.agent_name, i.channel, i.destination, i.contact_id, i.contact_name",
);

export function toSessionRow(r: Raw): SessionRow {
  return {
    inviteId: r.invite_id,
    sessionId: r.session_id,
    createdAt: new Date(r.created_at),
    title: r.title,
    reference: r.reference,
    agentName: r.agent_name,
    channel: r.channel,
    destination: r.destination,
    contactId: r.contact_id,
    contactName: r.contact_name,
  };
}

/** The Agent Portal: every invite sent, newest first, with the contact's name beside the destination. */
export async function listSessions(ctx: Ctx, filters: SessionFilters & { page: number }) {
  const where = sessionConditions(ctx, filters);
  const [[count], raw] = await Promise.all([
    queryRows<{ n: number | string }>(ctx.db, sql`SELECT count(*) AS n FROM invites i JOIN sessions s ON s.workspace_id = i.workspace_id AND s.id = i.session_id WHERE ${where}`),
    queryRows<Raw>(
      ctx.db,
      sql`SELECT ${SESSION_ROW_SQL} FROM invites i JOIN sessions s ON s.workspace_id = i.workspace_id AND s.id = i.session_id
          WHERE ${where} ORDER BY i.created_at DESC, i.id DESC LIMIT ${SESSIONS_PAGE_SIZE} OFFSET ${(filters.page - 1) * SESSIONS_PAGE_SIZE}`,
    ),
  ]);
  const total = Number(count.n);
  return { rows: raw.map(toSessionRow), total, pages: Math.max(1, Math.ceil(total / SESSIONS_PAGE_SIZE)) };
}

/** Report rows in pages of `batch`, newest first, for a streamed download (keyset: flat memory at any size). */
export async function* sessionReportRows(ctx: Pick<Ctx, "db" | "workspaceId">, filters: SessionFilters, batch = 1000): AsyncGenerator<SessionRow> {
  let after: { createdAt: string; id: string } | null = null;
  for (;;) {
    const keyset: SQL = after ? sql` AND (i.created_at, i.id) < (${after.createdAt}::timestamptz, ${after.id}::uuid)` : sql``;
    // created_key keeps the microseconds a JS Date would drop, so the keyset never skips a row.
    const raw: (Raw & { created_key: string })[] = await queryRows<Raw & { created_key: string }>(
      ctx.db,
      sql`SELECT ${SESSION_ROW_SQL}, i.created_at::text AS created_key FROM invites i JOIN sessions s ON s.workspace_id = i.workspace_id AND s.id = i.session_id
          WHERE ${sessionConditions(ctx, filters)}${keyset} ORDER BY i.created_at DESC, i.id DESC LIMIT ${batch}`,
    );
    for (const r of raw) yield toSessionRow(r);
    if (raw.length < batch) return;
    const last = raw[raw.length - 1];
    after = { createdAt: last.created_key, id: last.invite_id };
  }
}
