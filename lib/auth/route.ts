import "server-only";
import type { z } from "zod";
import { getDb, type Db } from "@/db/client";
import { fail, ok, type Fail, type Result } from "@/lib/result";
import { invalidInput } from "@/lib/validation/zod-errors";
import { authorize, checkPermission } from "./action";
import type { Ctx } from "./actor";
import type { Permission } from "./permissions";
import { currentCaller } from "./server-session";

/*
 * defineRoute: the route handler twin of defineAction. Every handler under
 * app/api/ is built by it, so none can forget a step: Origin check on state
 * changes (signed webhooks exempt) → session (none for public probes) →
 * membership → permission(s) → zod-parsed path params, query, headers and
 * body → the route's one lib/ call → its Result as JSON (or the Response it
 * built, for downloads and streams). Refusals share one JSON shape,
 * `{ code, message, fieldErrors? }`, with the status below.
 */

const STATUS: Record<Fail["code"], number> = {
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  invalid: 400,
  conflict: 409,
  limit: 422,
  error: 500,
};

/** JSON and raw-text bodies are read whole, so they are capped unless the route says otherwise. */
const DEFAULT_MAX_BYTES = 1024 * 1024;

type BodyKind = z.ZodType | "stream" | "raw-text";
type Parsed<S> = S extends z.ZodType ? z.output<S> : undefined;
// Node's web streams are async iterable; the DOM typings do not say so.
type BodyStream = ReadableStream<Uint8Array> & AsyncIterable<Uint8Array>;
type BodyValue<B> = B extends z.ZodType ? z.output<B> : B extends "stream" ? BodyStream : B extends "raw-text" ? string : undefined;

export type RouteInput<Q, P, H, B> = {
  query: Parsed<Q>;
  params: Parsed<P>;
  headers: Parsed<H>;
  body: BodyValue<B>;
  request: Request;
};

type RouteOptions<Q, P, H, B> = {
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

type Schema = z.ZodType | undefined;
type AnyRoute =
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
export function defineRoute(definition: AnyRoute): RouteHandler {
  const run = definition.run as (ctx: Ctx | { db: Db } | Record<string, never>, input: AnyInput) => Promise<Response | Result<unknown>>;
  return async (request, context) => {
    let workspaceId: string | undefined;
    try {
      // Before any database work: a cross-site form post never reaches a lib/ function.
      if (!exemptFromOriginCheck(definition) && isStateChange(request) && isCrossSite(request)) {
        return failureResponse(fail("forbidden", "This request came from another site."));
      }
      const auth = await authenticate(definition);
      if (!auth.ok) return failureResponse(auth);
      workspaceId = auth.data.workspaceId;
      const result = await run(auth.data, await parseInput(definition, request, context));
      if (result instanceof Response) return result;
      return result.ok ? Response.json(result.data, { status: definition.status ?? 200, headers: { "cache-control": "no-store" } }) : failureResponse(result);
    } catch (error) {
      if (error instanceof Refusal) return error.response;
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
function exemptFromOriginCheck(definition: AnyRoute): boolean {
  return "auth" in definition && definition.auth === "signature";
}

async function authenticate(definition: AnyRoute): Promise<Result<Ctx | { db: Db; workspaceId?: undefined } | Record<string, never>>> {
  if (!("auth" in definition)) return authorizeAll(definition.permission);
  return definition.auth === "signature" ? ok({ db: await getDb() }) : ok({});
}

function failureResponse(failure: Fail): Response {
  const { ok: _ok, ...body } = failure;
  return Response.json(body, { status: STATUS[failure.code] });
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

/** A refusal found while reading the input, before `run`: thrown, so each step stays one line. */
class Refusal {
  constructor(readonly response: Response) {}
}

function refuse(failure: Fail): never {
  throw new Refusal(failureResponse(failure));
}

function parse(schema: Schema, raw: unknown): unknown {
  if (!schema) return undefined;
  const parsed = schema.safeParse(raw);
  return parsed.success ? parsed.data : refuse(invalidInput(parsed.error));
}

async function parseInput(definition: AnyRoute, request: Request, context?: { params: Promise<unknown> }): Promise<AnyInput> {
  return {
    params: parse(definition.params, await context?.params),
    query: parse(definition.query, queryObject(new URL(request.url).searchParams)),
    headers: parse(definition.headers, Object.fromEntries(request.headers)),
    body: await readBody(definition, request),
    request,
  } as AnyInput;
}

function queryObject(searchParams: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [key, value] of searchParams) {
    const previous = out[key];
    out[key] = previous === undefined ? value : Array.isArray(previous) ? [...previous, value] : [previous, value];
  }
  return out;
}

async function readBody(definition: AnyRoute, request: Request): Promise<unknown> {
  const kind = definition.body;
  if (kind === undefined) return undefined;
  const maxBytes = definition.maxBytes ?? (kind === "stream" ? Infinity : DEFAULT_MAX_BYTES);
  if (Number(request.headers.get("content-length") ?? 0) > maxBytes) throw new Refusal(tooLarge(maxBytes));
  // Streamed to the lib/ function, which counts what actually arrives.
  if (kind === "stream") return request.body ?? new ReadableStream({ start: (controller) => controller.close() });
  const text = await readText(request, maxBytes);
  if (text === null) throw new Refusal(tooLarge(maxBytes));
  if (kind === "raw-text") return text;
  let json: unknown;
  try {
    json = text === "" ? undefined : JSON.parse(text);
  } catch {
    refuse(fail("invalid", "The body is not valid JSON.", { body: "The body is not valid JSON." }));
  }
  return parse(kind, json);
}

/** The body as text, or null as soon as it passes `maxBytes` (a missing Content-Length must not let it grow unbounded). */
async function readText(request: Request, maxBytes: number): Promise<string | null> {
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return Buffer.concat(chunks).toString("utf8");
    size += value.length;
    if (size > maxBytes) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
}

function tooLarge(maxBytes: number): Response {
  const limit = maxBytes >= 1024 * 1024 ? `${Math.round(maxBytes / 1024 / 1024)} MB` : `${Math.round(maxBytes / 1024)} KB`;
  return Response.json({ code: "too_large", message: `The request body is larger than ${limit}.` }, { status: 413 });
}
