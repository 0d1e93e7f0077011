import "server-only";
import { getToken } from "next-auth/jwt";
import { cache } from "react";
import { cookies } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { getDb } from "@/db/client";
import type { Result } from "@/lib/result";
import { callerActor, checkPermission, type Action, type Caller } from "./action";
import { contextFor, type Ctx } from "./actor";
import { authOptions } from "./options";
import type { Permission } from "./permissions";
import type { z } from "zod";

/** Cookie naming the workspace a member of several is working in. */
export const WORKSPACE_COOKIE = "sb_workspace";

/**
 * The signed-in user's id and session version from next-auth's session
 * cookie: one JWT decrypt.
 * (getServerSession does that too, then runs the session endpoint's CSRF and
 * callbacks and encrypts a renewed cookie that a page or action cannot set
 * anyway: about as much work again on every request.) The token carries the
 * user id as `sub` (lib/auth/options.ts). Only the cookie is read, as
 * getServerSession does: no Authorization header.
 */
async function sessionClaims(jar: Awaited<ReturnType<typeof cookies>>): Promise<{ userId: string | null; sessionVersion: number }> {
  // A plain cookies object, as getServerSession itself passes in the App Router.
  const req = { cookies: Object.fromEntries(jar.getAll().map((c) => [c.name, c.value])), headers: {} };
  const token = await getToken({ req: req as unknown as Parameters<typeof getToken>[0]["req"], secret: authOptions.secret });
  // A token without a version predates session versions: it cannot be ended, so it is not accepted.
  if (typeof token?.sub !== "string" || typeof token.sv !== "number") return { userId: null, sessionVersion: 0 };
  return { userId: token.sub, sessionVersion: token.sv };
}

export async function currentCaller(): Promise<Caller> {
  const [jar, db] = await Promise.all([cookies(), getDb()]);
  return { db, ...(await sessionClaims(jar)), workspaceId: jar.get(WORKSPACE_COOKIE)?.value };
}

// Deduplicated per request (layout and page both ask), never across requests.
const currentActor = cache(async () => {
  const caller = await currentCaller();
  const actor = await callerActor(caller);
  return actor ? contextFor(caller.db, actor) : null;
});

/** For pages: the signed-in context, or a redirect to sign-in. */
export async function requireSignedIn(): Promise<Ctx> {
  const ctx = await currentActor();
  if (!ctx) redirect("/signin");
  return ctx;
}

export type PageAccess = { ok: true; ctx: Ctx } | { ok: false; message: string };

/** For pages: signed out → sign-in; feature off or wrong workspace → 404; role lacks it → a "not allowed" message. */
export async function requirePermission(permission: Permission): Promise<PageAccess> {
  // The layout already loaded the actor for this request: reuse it.
  const ctx = await currentActor();
  if (!ctx) redirect("/signin");
  const refused = checkPermission(ctx.actor, permission);
  if (!refused) return { ok: true, ctx };
  if (refused.code === "not_found") notFound();
  return { ok: false, message: refused.message };
}

/** Server-action adapter: FormData (or a plain object) in, typed result out. */
export async function runAction<S extends z.ZodType, T>(action: Action<S, T>, input: FormData | object): Promise<Result<T>> {
  return action.invoke(await currentCaller(), input instanceof FormData ? formDataToObject(input) : input);
}

function formDataToObject(formData: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of formData.entries()) {
    if (key.startsWith("$ACTION")) continue;
    // A repeated name (checkbox group, multi-select) becomes an array.
    const previous = out[key];
    out[key] = previous === undefined ? value : Array.isArray(previous) ? [...previous, value] : [previous, value];
  }
  return out;
}
