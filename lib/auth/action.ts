import type { z } from "zod";
import type { Db } from "@/db/client";
import { fail, notFound, type Fail, type Result } from "@/lib/result";
import { invalidInput } from "@/lib/validation/zod-errors";
import { contextFor, resolveActor, type Actor, type Ctx } from "./actor";
import { can, PERMISSIONS, type Permission } from "./permissions";

/**
 * What the caller knows before the wrapper runs: the database, the signed-in
 * user id (or none) and the session version its token was issued under.
 */
export type Caller = { db: Db; userId: string | null; sessionVersion: number; workspaceId?: string };

export type ActionDefinition<S extends z.ZodType, T> = {
  permission: Permission;
  input: S;
  run: (ctx: Ctx, input: z.output<S>) => Promise<Result<T>>;
};

export type Action<S extends z.ZodType, T> = ActionDefinition<S, T> & {
  /** session → membership → permission → zod → run; the only way an action executes. */
  invoke: (caller: Caller, raw: unknown) => Promise<Result<T>>;
};

export const SIGNED_OUT_MESSAGE = "Your session has ended. Sign in again.";

/** The permission check itself, for an actor already loaded. */
export function checkPermission(actor: Actor, permission: Permission): Fail | null {
  const rule = PERMISSIONS[permission];
  // With Contacts Management off, contact features do not exist for anyone.
  if (rule.contacts && !actor.workspace.contactsEnabled) return notFound();
  if (!can(actor.role, permission)) return fail("forbidden", `Your role is not allowed to ${rule.label}.`);
  return null;
}

/** The caller's actor, or null when signed out, removed, or the session has been ended. Every page, action and route starts here. */
export async function callerActor(caller: Caller): Promise<Actor | null> {
  return caller.userId ? resolveActor(caller.db, caller.userId, caller.workspaceId, caller.sessionVersion) : null;
}

/** Resolves the actor and checks one permission; shared by actions, pages and route handlers. */
export async function authorize(caller: Caller, permission: Permission): Promise<Result<Ctx>> {
  const actor = await callerActor(caller);
  if (!actor) return fail("unauthenticated", SIGNED_OUT_MESSAGE);
  return checkPermission(actor, permission) ?? { ok: true, data: contextFor(caller.db, actor) };
}

export function defineAction<S extends z.ZodType, T>(definition: ActionDefinition<S, T>): Action<S, T> {
  return {
    ...definition,
    async invoke(caller, raw) {
      const auth = await authorize(caller, definition.permission);
      if (!auth.ok) return auth;
      const parsed = definition.input.safeParse(raw);
      if (!parsed.success) return invalidInput(parsed.error);
      try {
        return await definition.run(auth.data, parsed.data);
      } catch (error) {
        console.error(`[action ${definition.permission}] failed`, { workspaceId: auth.data.workspaceId, error });
        return fail("error", "Something went wrong. Nothing was saved; try again.");
      }
    },
  };
}
