import "server-only";
import { getDb } from "@/db/client";
import { resolveApiKey } from "@/lib/api-keys/resolve";
import { checkPermission } from "@/lib/auth/action";
import { contextFor, type Ctx } from "@/lib/auth/actor";
import type { Permission } from "@/lib/auth/permissions";
import type { RouteInput, RouteOptions } from "@/lib/auth/route";
import { parseInput, readBodyText, Refusal, type BodyKind, type Schema } from "@/lib/auth/route-input";
import { fail, type Fail, type Result } from "@/lib/result";
import { claimIdempotencyKey, releaseIdempotencyKey, requestHash, saveIdempotentAnswer } from "./idempotency";
import { PROBLEM_CONTENT_TYPE, problemOf, problemResponse, PROBLEM_STATUS } from "./problem";
import { countRequest, rateHeaders } from "./rate-limit";

export type KeyRoute<Q, P, H, B, T> = RouteOptions<Q, P, H, B> & {
  /**
   * For the public API (/api/v1): the caller is an API key, not a session.
   * Cookies are not read, so a page on another site has no credential to
   * ride and there is no Origin check.
   */
  auth: "api-key";
  /** The same capabilities as the UI's: the key's role must hold each. */
  permission: Permission | readonly [Permission, ...Permission[]];
  run: (ctx: Ctx, input: RouteInput<Q, P, H, B>) => Promise<Response | Result<T>>;
};

type AnyKeyRoute = KeyRoute<Schema, Schema, Schema, BodyKind | undefined, unknown>;
type Idempotency = Parameters<typeof saveIdempotentAnswer>[0];

const IDEMPOTENT_METHODS = ["POST", "PUT", "PATCH"];

/**
 * key → rate limit → permission(s) → Idempotency-Key claim → zod-parsed
 * input → the route's one lib/ call → its Result as JSON, or problem+json.
 * The order matters: an unknown key costs one indexed lookup and nothing
 * else; a key over its limit is refused before any work; a replay answers
 * before the body is even parsed.
 */
export async function handleKeyRoute(definition: AnyKeyRoute, request: Request, context?: { params: Promise<unknown> }): Promise<Response> {
  const db = await getDb();
  let headers: Record<string, string> = {};
  let idempotency: Idempotency | null = null;
  let workspaceId: string | undefined;
  try {
    const actor = await resolveApiKey(db, request.headers.get("authorization"));
    if ("refused" in actor) return problemResponse(fail("unauthenticated", actor.refused), { "WWW-Authenticate": 'Bearer realm="switchboard"' });
    workspaceId = actor.workspace.id;
    const rate = await countRequest(db, actor.workspace.id, actor.apiKey!.id);
    headers = rateHeaders(rate);
    if (!rate.allowed) {
      const wait = `Too many requests for this key: at most ${rate.limit} a minute. Try again in ${rate.resetSeconds} s.`;
      return problemResponse(fail("rate_limited", wait), { ...headers, "Retry-After": String(rate.resetSeconds) });
    }
    for (const permission of typeof definition.permission === "string" ? [definition.permission] : definition.permission) {
      const refused = checkPermission(actor, permission);
      if (refused) return problemResponse(refused, headers);
    }
    let bodyText: string | undefined;
    const idempotencyKey = request.headers.get("idempotency-key");
    if (idempotencyKey !== null && IDEMPOTENT_METHODS.includes(request.method)) {
      // A streamed upload is not read twice: its requests are compared by method and URL.
      const streamed = definition.body === "stream";
      if (definition.body !== undefined && !streamed) bodyText = await readBodyText(definition, request);
      idempotency = { db, workspaceId: actor.workspace.id, keyId: actor.apiKey!.id, idempotencyKey };
      const claim = await claimIdempotencyKey(idempotency, requestHash(request.method, request.url, bodyText ?? ""));
      if (claim.kind !== "new") {
        idempotency = null;
        if (claim.kind === "replay") return replay(claim.status, claim.body, headers);
        return problemResponse(claimRefusal(claim.kind), headers);
      }
    }
    const input = (await parseInput(definition, request, context, bodyText)) as RouteInput<Schema, Schema, Schema, BodyKind>;
    const result = await definition.run(contextFor(db, actor), input);
    if (result instanceof Response) {
      if (idempotency) await releaseIdempotencyKey(idempotency);
      for (const [name, value] of Object.entries(headers)) result.headers.set(name, value);
      return result;
    }
    // An operation with two successes (an upsert: 200 updated, 201 created) says which.
    const status = result.ok ? ((result as { status?: number }).status ?? definition.status ?? 200) : PROBLEM_STATUS[result.code];
    const body = JSON.stringify(result.ok ? result.data : problemOf(result));
    if (idempotency) await saveIdempotentAnswer(idempotency, status, body);
    return new Response(body, { status, headers: { "content-type": result.ok ? "application/json" : PROBLEM_CONTENT_TYPE, "cache-control": "no-store", ...headers } });
  } catch (error) {
    if (idempotency) await releaseIdempotencyKey(idempotency).catch(() => undefined);
    if (error instanceof Refusal) return problemResponse(error.failure, headers, error.status);
    console.error(`[api ${request.method} ${new URL(request.url).pathname}] failed`, { workspaceId, error });
    return problemResponse(fail("error", "Something went wrong. Nothing was saved; try again."), headers);
  }
}

function claimRefusal(kind: "mismatch" | "in_progress" | "invalid_key"): Fail {
  if (kind === "mismatch") return fail("invalid", "This Idempotency-Key was used with a different request. Use a new key for a new request.", { "Idempotency-Key": "Used with a different request." });
  if (kind === "in_progress") return fail("conflict", "A request with this Idempotency-Key is still running. Retry when it has answered.");
  return fail("invalid", "An Idempotency-Key is 1 to 255 visible ASCII characters.", { "Idempotency-Key": "1 to 255 visible ASCII characters." });
}

function replay(status: number, body: string, headers: Record<string, string>): Response {
  const type = status < 300 ? "application/json" : PROBLEM_CONTENT_TYPE;
  return new Response(body, { status, headers: { "content-type": type, "cache-control": "no-store", "Idempotent-Replayed": "true", ...headers } });
}
