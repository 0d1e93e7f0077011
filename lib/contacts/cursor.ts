import { and, eq, inArray, sql, type SQL } from "drizzle-orm";
import { queryRows } from "@/db/query";
import { contacts, type AttributeDefinition, type Contact } from "@/db/schema";
import type { Ctx } from "@/lib/auth/actor";
import { fieldError, ok, type Result } from "@/lib/result";
import { contactConditions, type ContactFilters } from "./filters";
import { ORDER } from "./list";
import { SORTS, type ContactSort } from "./query";

/*
 * Keyset pages of contacts for the API: each page starts after the last row
 * of the one before (its sort key and id, in an opaque cursor), so page
 * 10,000 costs what page 1 does and a contact added meanwhile neither
 * repeats nor skips a row. The filters and sorts are the contacts page's
 * (one registry, lib/contacts/filters.ts; one index per sort).
 */

// The sort key as text: timestamps keep their microseconds (a JS Date would drop them).
const KEY: Record<ContactSort, string> = {
  name: "lower(c.display_name)",
  company: "lower(c.company)",
  activity: "c.last_activity_at::text",
  created: "c.created_at::text",
};

type Position = { key: string | null; id: string };

/** The rows after `after` in the sort's order (ORDER in ./list.ts), NULLS LAST kept. */
function after(sort: ContactSort, at: Position): SQL {
  switch (sort) {
    case "name":
      return sql`(lower(c.display_name), c.id) > (${at.key ?? ""}, ${at.id}::uuid)`;
    case "company":
      return at.key === null
        ? sql`(c.company IS NULL AND c.id > ${at.id}::uuid)`
        : sql`((lower(c.company), c.id) > (${at.key}, ${at.id}::uuid) OR c.company IS NULL)`;
    case "activity":
      return at.key === null
        ? sql`(c.last_activity_at IS NULL AND c.id < ${at.id}::uuid)`
        : sql`((c.last_activity_at, c.id) < (${at.key}::timestamptz, ${at.id}::uuid) OR c.last_activity_at IS NULL)`;
    case "created":
      return sql`(c.created_at, c.id) < (${at.key}::timestamptz, ${at.id}::uuid)`;
  }
}

export function encodeCursor(sort: ContactSort, at: Position): string {
  return Buffer.from(JSON.stringify([sort, at.key, at.id])).toString("base64url");
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The position a cursor names, or null when it is not one of ours for this sort. */
export function decodeCursor(cursor: string, sort: ContactSort): Position | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (!Array.isArray(value) || value.length !== 3) return null;
    const [s, key, id] = value as unknown[];
    if (s !== sort || !SORTS.includes(s as ContactSort) || typeof id !== "string" || !UUID.test(id)) return null;
    if (key !== null && typeof key !== "string") return null;
    if (key === null && (sort === "name" || sort === "created")) return null;
    if (key !== null && key.length > 1000) return null;
    return { key, id };
  } catch {
    return null;
  }
}

export type CursorPage = { contacts: Contact[]; nextCursor: string | null };

export async function contactsPage(
  ctx: Ctx,
  filters: ContactFilters,
  opts: { sort: ContactSort; limit: number; cursor?: string; defs: AttributeDefinition[] },
): Promise<Result<CursorPage>> {
  const at = opts.cursor ? decodeCursor(opts.cursor, opts.sort) : null;
  if (opts.cursor && !at) return fieldError("cursor", "This cursor is not valid for this sort. Use the nextCursor of the page before, with the same sort.");
  const where = contactConditions(ctx, filters, opts.defs);
  const ids = await queryRows<{ id: string; k: string | null }>(
    ctx.db,
    sql`SELECT c.id, ${sql.raw(KEY[opts.sort])} AS k FROM contacts c
        WHERE ${where} ${at ? sql`AND ${after(opts.sort, at)}` : sql``}
        ORDER BY ${sql.raw(ORDER[opts.sort].forward)} LIMIT ${opts.limit + 1}`,
  );
  const page = ids.slice(0, opts.limit);
  const rows = page.length
    ? await ctx.db
        .select()
        .from(contacts)
        .where(and(eq(contacts.workspaceId, ctx.workspaceId), inArray(contacts.id, page.map((r) => r.id))))
    : [];
  const byId = new Map(rows.map((row) => [row.id, row]));
  const last = page.at(-1);
  return ok({
    // A contact deleted between the two reads is left out.
    contacts: page.map((r) => byId.get(r.id)).filter((c): c is Contact => c !== undefined),
    nextCursor: ids.length > opts.limit && last ? encodeCursor(opts.sort, { key: last.k, id: last.id }) : null,
  });
}
