import "server-only";
import type { Ctx } from "@/lib/auth/actor";
import { defineRoute, type RouteHandler, type RouteInput } from "@/lib/auth/route";
import type { Result } from "@/lib/result";
import type { Operation } from "./operation";

/** A success with a status other than the operation's first (an upsert that created: 201). */
export type WithStatus<T> = Result<T> & { status?: number };

export type ApiHandler<O extends Operation> = RouteHandler & { operation: O };

/**
 * The route handler of one documented operation: defineRoute with an API key,
 * the operation's permission and its schemas, so what runs is what the
 * OpenAPI document says. The handler carries its operation, for the
 * contract test.
 */
export function apiRoute<O extends Operation, T>(
  op: O,
  run: (ctx: Ctx, input: RouteInput<O["query"], O["params"], undefined, O["body"]>) => Promise<Response | WithStatus<T>>,
): ApiHandler<O> {
  const handler = defineRoute({
    auth: "api-key",
    permission: op.permission,
    params: op.params,
    query: op.query,
    body: op.body,
    status: Number(Object.keys(op.responses)[0]),
    run: run as never,
  } as Parameters<typeof defineRoute>[0] & { auth: "api-key" });
  return Object.assign(handler, { operation: op });
}

/** A path segment as the client meant it: decoded once if it arrives still percent-encoded. */
export function segment(value: string): string {
  if (!/%[0-9A-Fa-f]{2}/.test(value)) return value;
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** 204 No Content (a delete). */
export function noContent(): Response {
  return new Response(null, { status: 204 });
}
