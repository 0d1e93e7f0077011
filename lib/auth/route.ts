import "server-only";
import type { Fail } from "@/lib/result";
import { authorize } from "./action";
import type { Ctx } from "./actor";
import type { Permission } from "./permissions";
import { currentCaller } from "./server-session";

const STATUS: Record<Fail["code"], number> = {
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  invalid: 400,
  conflict: 409,
  limit: 422,
  error: 500,
};

export function failureResponse(failure: Fail): Response {
  const { ok: _ok, ...body } = failure;
  return Response.json(body, { status: STATUS[failure.code] });
}

/** For route handlers: the same session → membership → permission check as server actions. */
export async function authorizeRoute(permission: Permission): Promise<{ ok: true; ctx: Ctx } | { ok: false; response: Response }> {
  const result = await authorize(await currentCaller(), permission);
  return result.ok ? { ok: true, ctx: result.data } : { ok: false, response: failureResponse(result) };
}
