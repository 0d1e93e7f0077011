import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { queryRows } from "@/db/query";

/** Requests a key may make per minute: `SB_API_RATE_LIMIT` (documented in docs/api.md), 600 unless set. */
export function apiRateLimit(env = process.env): number {
  const raw = env.SB_API_RATE_LIMIT;
  if (raw === undefined || raw === "") return 600;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`SB_API_RATE_LIMIT must be a whole number of at least 1, not "${raw}"`);
  return value;
}

export type RateState = { limit: number; remaining: number; resetSeconds: number; allowed: boolean };

/**
 * Counts this request in its key's one-minute window and says whether it may
 * run. One upsert in PostgreSQL, so the limit holds across every app
 * instance (the rows are dropped by the API housekeeping job). A refused
 * request counts too: a client that ignores 429 stays refused.
 */
export async function countRequest(db: Db, workspaceId: string, keyId: string, limit = apiRateLimit()): Promise<RateState> {
  const [row] = await queryRows<{ count: number; reset: number }>(
    db,
    sql`INSERT INTO api_rate_windows (workspace_id, key_id, window_start, count)
        VALUES (${workspaceId}, ${keyId}, date_trunc('minute', now()), 1)
        ON CONFLICT (workspace_id, key_id, window_start) DO UPDATE SET count = api_rate_windows.count + 1
        RETURNING count, ceil(extract(epoch FROM window_start + interval '1 minute' - now()))::int AS reset`,
  );
  const count = Number(row.count);
  return { limit, remaining: Math.max(0, limit - count), resetSeconds: Math.max(1, Number(row.reset)), allowed: count <= limit };
}

/** The IETF RateLimit header fields (draft-ietf-httpapi-ratelimit-headers), on every answer to a key. */
export function rateHeaders(state: RateState): Record<string, string> {
  return {
    "RateLimit-Policy": `"default";q=${state.limit};w=60`,
    RateLimit: `"default";r=${state.remaining};t=${state.resetSeconds}`,
  };
}
