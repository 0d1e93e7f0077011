import { and, asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { memberships, users, workspaces, type Role, type Workspace } from "@/db/schema";

/** Who is acting, in which workspace, with which role: read from the database on every request. */
export type Actor = {
  userId: string;
  email: string;
  name: string;
  role: Role;
  workspace: Workspace;
  /**
   * Set when an API key is acting (lib/api-keys/resolve.ts): `role` is then
   * the key's, and userId/name/email are those of the member who made it.
   */
  apiKey?: { id: string; name: string; prefix: string };
};

/** How an actor is named in audit entries and import records. */
export function actorLabel(actor: Pick<Actor, "name" | "email" | "apiKey">): string {
  return actor.apiKey ? `API key “${actor.apiKey.name}” (${actor.apiKey.prefix}…)` : `${actor.name} <${actor.email}>`;
}

/** What every lib/ function receives: the database, the workspace it is scoped to and the actor. */
export type Ctx = { db: Db; workspaceId: string; actor: Actor };

/**
 * The actor for a signed-in user id, or null when the user no longer exists,
 * belongs to no workspace (removed members are locked out on their next
 * request) or, given the session's `sessionVersion`, when that session has
 * been ended (lib/auth/sessions.ts): one more condition on the lookup every
 * request makes anyway. `preferredWorkspaceId` selects among several
 * memberships; ignored if not a member.
 */
export async function resolveActor(db: Db, userId: string, preferredWorkspaceId?: string, sessionVersion?: number): Promise<Actor | null> {
  const session = sessionVersion === undefined ? undefined : eq(users.sessionVersion, sessionVersion);
  const rows = await db
    .select({ user: users, role: memberships.role, workspace: workspaces })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .innerJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
    .where(
      preferredWorkspaceId && isUuid(preferredWorkspaceId)
        ? and(eq(memberships.userId, userId), eq(memberships.workspaceId, preferredWorkspaceId), session)
        : and(eq(memberships.userId, userId), session),
    )
    .orderBy(asc(memberships.createdAt))
    .limit(1);
  const row = rows[0];
  if (!row) return preferredWorkspaceId ? resolveActor(db, userId, undefined, sessionVersion) : null;
  return {
    userId: row.user.id,
    email: row.user.email,
    name: row.user.name,
    role: row.role,
    workspace: row.workspace,
  };
}

export function contextFor(db: Db, actor: Actor): Ctx {
  return { db, workspaceId: actor.workspace.id, actor };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export function isUuid(value: string): boolean {
  return UUID.test(value);
}
