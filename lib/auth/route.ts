import "server-only";
import { getDb, type Db } from "@/db/client";
import { handleKeyRoute, type KeyRoute } from "@/lib/api/key-route";
import { fail, ok, type Fail, type Result } from "@/lib/result";
import { authorize, checkPermission } from "./action";
import type { z } from "zod";
import type { Ctx } from "./actor";
import type { Permission } from "./permissions";
import { parseInput, Refusal, type BodyKind, type BodyStream, type Schema } from "./route-input";
import { currentCaller } from "./server-session";

/*
 * defineRoute: the route handler twin of defineAction. Every handler under
 * app/api/ is built by it, so none can forget a step: Origin check on state
 * changes (signed webhooks exempt) → session (none for public probes) →
 * membership → permission(s) → zod-parsed path params, query, headers and
 * body → the route's one lib/ call → its Result as JSON (or the Response it
 * built, for downloads and streams). Refusals share one JSON shape,
 * `{ code, message, fieldErrors? }`, with the status below. Routes under
 * /api/v1 take `auth: "api-key"` instead of a session (lib/api/key-route.ts:
 * the same steps, with a key, a rate limit, idempotency and problem+json).
 */

export const STATUS: Record<Fail["code"], number> = {
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  invalid: 400,
  conflict: 409,
  limit: 422,
  too_large: 413,
  rate_limited: 429,
  error: 500,
};

type Parsed<S> = S extends z.ZodType ? z.output<S> : undefined;
type BodyValue<B> = B extends z.ZodType ? z.output<B> : B extends "stream" ? BodyStream : B extends "raw-text" ? string : undefined;

export type { BodyKind, Schema };
export type RouteInput<Q, P, H, B> = {
  query: Parsed<Q>;
  params: Parsed<P>;
  headers: Parsed<H>;
  body: BodyValue<B>;
  request: Request;
};

export type RouteOptions<Q, P, H, B> = {
  /** The query string, as an object (a repeated name becomes an array). */
  query?: Q;
  /** The dynamic path segments, e.g. `{ id }` for `[id]`. */
  params?: P;
  /** Request headers by lower-case name. */
  headers?: H;
  /**
   * A zod schema for a JSON body; "raw-text" for the body as a string (a
   * signature is computed over the exact bytes); "stream" for uploads, which
   * must not be buffered (an empty stream when there is no body).
   */
  body?: B;
  /** A larger declared (or, when read whole, actual) body is refused with 413. */
  maxBytes?: number;
  /** The status of a successful Result (200 unless set). */
  status?: number;
};

type SessionRoute<Q, P, H, B, T> = RouteOptions<Q, P, H, B> & {
  /** The capability the caller needs; with several, each must hold (checked in order). */
  permission: Permission | readonly [Permission, ...Permission[]];
  run: (ctx: Ctx, input: RouteInput<Q, P, H, B>) => Promise<Response | Result<T>>;
};

type SignedRoute<Q, P, H, B, T> = RouteOptions<Q, P, H, B> & {
  /**
   * For machine callers (provider webhooks): no session and no Origin check;
   * `run` gets only the database and must verify the request's signature
   * itself before it reads or writes anything.
   */
  auth: "signature";
  run: (ctx: { db: Db }, input: RouteInput<Q, P, H, B>) => Promise<Response | Result<T>>;
};

type PublicRoute<Q, P, H, B, T> = RouteOptions<Q, P, H, B> & {
  /**
   * For probes anyone may call (health, readiness): no session, and the
   * wrapper opens no database, so liveness never depends on it. The Origin
   * check still applies to state changes. `run` must answer nothing that
   * belongs to a workspace.
   */
  auth: "public";
  run: (ctx: Record<string, never>, input: RouteInput<Q, P, H, B>) => Promise<Response | Result<T>>;
};

/** What Next.js calls; `params` is parsed by the route's schema, hence unknown here. */
export type RouteHandler = (request: Request, context?: { params: Promise<unknown> }) => Promise<Response>;

type AnyRoute =
  | KeyRoute<Schema, Schema, Schema, BodyKind | undefined, unknown>
  | SessionRoute<Schema, Schema, Schema, BodyKind | undefined, unknown>
  | SignedRoute<Schema, Schema, Schema, BodyKind | undefined, unknown>
  | PublicRoute<Schema, Schema, Schema, BodyKind | undefined, unknown>;
type AnyInput = RouteInput<Schema, Schema, Schema, BodyKind>;

export function defineRoute<Q extends Schema = undefined, P extends Schema = undefined, H extends Schema = undefined, B extends BodyKind | undefined = undefined, T = unknown>(
  definition: SessionRoute<Q, P, H, B, T>,
): RouteHandler;
export function defineRoute<Q extends Schema = undefined, P extends Schema = undefined, H extends Schema = undefined, B extends BodyKind | undefined = undefined, T = unknown>(
  definition: SignedRoute<Q, P, H, B, T>,
): RouteHandler;
export function defineRoute<Q extends Schema = undefined, P extends Schema = undefined, H extends Schema = undefined, B extends BodyKind | undefined = undefined, T = unknown>(
  definition: PublicRoute<Q, P, H, B, T>,
): RouteHandler;
export function defineRoute<Q extends Schema = undefined, P extends Schema = undefined, H extends Schema = undefined, B extends BodyKind | undefined = undefined, T = unknown>(
  definition: KeyRoute<Q, P, H, B, T>,
): RouteHandler;
export function defineRoute(definition: AnyRoute): RouteHandler {
  if ("auth" in definition && definition.auth === "api-key") return (request, context) => handleKeyRoute(definition, request, context);
  const route = definition as Exclude<AnyRoute, KeyRoute<Schema, Schema, Schema, BodyKind | undefined, unknown>>;
  const run = route.run as (ctx: Ctx | { db: Db } | Record<string, never>, input: AnyInput) => Promise<Response | Result<unknown>>;
  return async (request, context) => {
    let workspaceId: string | undefined;
    try {
      // Before any database work: a cross-site form post never reaches a lib/ function.
      if (!exemptFromOriginCheck(route) && isStateChange(request) && isCrossSite(request)) {
        return failureResponse(fail("forbidden", "This request came from another site."));
      }
      const auth = await authenticate(route);
      if (!auth.ok) return failureResponse(auth);
      workspaceId = auth.data.workspaceId;
      const result = await run(auth.data, (await parseInput(route, request, context)) as AnyInput);
      if (result instanceof Response) return result;
      return result.ok ? Response.json(result.data, { status: route.status ?? 200, headers: { "cache-control": "no-store" } }) : failureResponse(result);
    } catch (error) {
      if (error instanceof Refusal) return failureResponse(error.failure, error.status);
      // Logged with enough to find it again; the caller sees no stack or SQL.
      console.error(`[route ${request.method} ${new URL(request.url).pathname}] failed`, { workspaceId, error });
      return failureResponse(fail("error", "Something went wrong. Try again."));
    }
  };
}

/**
 * The one exemption, by name: a signed machine caller (provider webhook) has
 * no browser Origin to check, and its credential is the HMAC over the body,
 * not a cookie, so a page on another site cannot forge its request.
 */
function exemptFromOriginCheck(definition: Exclude<AnyRoute, { auth: "api-key" }>): boolean {
  return "auth" in definition && definition.auth === "signature";
}

async function authenticate(definition: Exclude<AnyRoute, { auth: "api-key" }>): Promise<Result<Ctx | { db: Db; workspaceId?: undefined } | Record<string, never>>> {
  if (!("auth" in definition)) return authorizeAll(definition.permission);
  return definition.auth === "signature" ? ok({ db: await getDb() }) : ok({});
}

function failureResponse(failure: Fail, status = STATUS[failure.code]): Response {
  const { ok: _ok, ...body } = failure;
  return Response.json(body, { status });
}

function isStateChange(request: Request): boolean {
  return !["GET", "HEAD", "OPTIONS"].includes(request.method);
}

/**
 * A browser sends Origin with every POST, and it cannot be forged by a page;
 * a mismatch with our host is a cross-site request riding the user's cookie.
 * Sec-Fetch-Site is also set by the browser alone (no page can set a Sec-
 * header), so it is believed even when Origin is missing; "same-site" is
 * refused too, because SameSite=Lax sends the cookie from a sibling
 * subdomain. Non-browser clients (bench, scripts, curl) send neither and are
 * let through: they hold the session cookie themselves. The host is taken as
 * Next.js does for server actions (x-forwarded-host behind a proxy, else Host).
 */
function isCrossSite(request: Request): boolean {
  const site = request.headers.get("sec-fetch-site");
  if (site === "cross-site" || site === "same-site") return true;
  const origin = request.headers.get("origin");
  if (origin === null) return false;
  const host = request.headers.get("x-forwarded-host")?.split(",")[0].trim() || request.headers.get("host") || new URL(request.url).host;
  try {
    return new URL(origin).host !== host;
  } catch {
    return true; // "null" (sandboxed frames, privacy redirects) or garbage
  }
}

async function authorizeAll(permission: Permission | readonly Permission[]): Promise<Result<Ctx>> {
  const [first, ...rest] = typeof permission === "string" ? [permission] : permission;
  const auth = await authorize(await currentCaller(), first);
  if (!auth.ok) return auth;
  for (const next of rest) {
    const refused = checkPermission(auth.data.actor, next);
    if (refused) return refused;
  }
  return auth;
}

