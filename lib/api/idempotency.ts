import crypto from "node:crypto";
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { queryRows } from "@/db/query";

/** How long a first answer is kept and replayed. */
export const IDEMPOTENCY_HOURS = 24;

const KEY_SHAPE = /^[\x21-\x7e]{1,255}$/;

export type Claim =
  | { kind: "new" }
  | { kind: "replay"; status: number; body: string }
  | { kind: "mismatch" }
  | { kind: "in_progress" }
  | { kind: "invalid_key" };

type Scope = { db: Db; workspaceId: string; keyId: string; idempotencyKey: string };

/** What makes two requests "the same": method, path with query, and the exact body. */
export function requestHash(method: string, url: string, body: string): string {
  const { pathname, search } = new URL(url);
  return crypto.createHash("sha256").update(`${method} ${pathname}${search}\n${body}`).digest("hex");
}

/**
 * Claims an Idempotency-Key for this request, or says what became of its
 * first use. The claim is one INSERT, so of two requests racing with one key
 * exactly one runs; a claim older than IDEMPOTENCY_HOURS is forgotten first.
 */
export async function claimIdempotencyKey(scope: Scope, hash: string): Promise<Claim> {
  if (!KEY_SHAPE.test(scope.idempotencyKey)) return { kind: "invalid_key" };
  const { db, workspaceId, keyId, idempotencyKey } = scope;
  const [claimed] = await queryRows<{ claimed: boolean }>(
    db,
    sql`WITH expired AS (
          DELETE FROM api_idempotency
          WHERE workspace_id = ${workspaceId} AND key_id = ${keyId} AND idempotency_key = ${idempotencyKey}
            AND created_at < now() - make_interval(hours => ${IDEMPOTENCY_HOURS}))
        INSERT INTO api_idempotency (workspace_id, key_id, idempotency_key, request_hash)
        VALUES (${workspaceId}, ${keyId}, ${idempotencyKey}, ${hash})
        ON CONFLICT DO NOTHING RETURNING true AS claimed`,
  );
  if (claimed) return { kind: "new" };
  const [first] = await queryRows<{ request_hash: string; status: number | null; body: string | null }>(
    db,
    sql`SELECT request_hash, status, body FROM api_idempotency
        WHERE workspace_id = ${workspaceId} AND key_id = ${keyId} AND idempotency_key = ${idempotencyKey}`,
  );
  // Deleted between the two statements (it had just expired): treat as a race lost, retryable.
  if (!first) return { kind: "in_progress" };
  if (first.request_hash !== hash) return { kind: "mismatch" };
  if (first.status === null) return { kind: "in_progress" };
  return { kind: "replay", status: Number(first.status), body: first.body ?? "" };
}

/** Keeps the first answer for replay. */
export async function saveIdempotentAnswer(scope: Scope, status: number, body: string): Promise<void> {
  await scope.db.execute(
    sql`UPDATE api_idempotency SET status = ${status}, body = ${body}
        WHERE workspace_id = ${scope.workspaceId} AND key_id = ${scope.keyId} AND idempotency_key = ${scope.idempotencyKey}`,
  );
}

/** Gives the key back (the request failed on our side, or answered with a stream): a retry runs afresh. */
export async function releaseIdempotencyKey(scope: Scope): Promise<void> {
  await scope.db.execute(
    sql`DELETE FROM api_idempotency
        WHERE workspace_id = ${scope.workspaceId} AND key_id = ${scope.keyId} AND idempotency_key = ${scope.idempotencyKey} AND status IS NULL`,
  );
}
