import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { apiKeys, memberships, users, workspaces } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { assignableRoles } from "@/lib/auth/permissions";
import { hashSecret, SECRET_PREFIX } from "./keys";

export type KeyRefusal = { refused: string };

/** A key is counted as used at most once a minute, so a busy key does not write a row per request. */
const LAST_USED_EVERY_SECONDS = 60;

/**
 * The actor an `Authorization: Bearer sb_live_…` header stands for, or why
 * not. The key acts with its own role, for the member who made it, and only
 * while that member is still in the workspace and could still grant the
 * role: a removed or demoted creator takes the key's power with them.
 */
export async function resolveApiKey(db: Db, authorization: string | null): Promise<Actor | KeyRefusal> {
  const secret = /^Bearer\s+(\S+)$/i.exec(authorization?.trim() ?? "")?.[1];
  if (!secret) return { refused: "Send an API key as “Authorization: Bearer sb_live_…”." };
  if (!secret.startsWith(SECRET_PREFIX) || secret.length > 200) return { refused: "This API key is not valid." };
  const [row] = await db
    .select({ key: apiKeys, creatorRole: memberships.role, user: { id: users.id, name: users.name, email: users.email }, workspace: workspaces })
    .from(apiKeys)
    .innerJoin(workspaces, eq(workspaces.id, apiKeys.workspaceId))
    .leftJoin(memberships, and(eq(memberships.workspaceId, apiKeys.workspaceId), eq(memberships.userId, apiKeys.createdBy)))
    .leftJoin(users, eq(users.id, memberships.userId))
    .where(eq(apiKeys.secretHash, hashSecret(secret)))
    .limit(1);
  if (!row) return { refused: "This API key is not valid." };
  const { key } = row;
  if (key.revokedAt) return { refused: "This API key has been revoked." };
  if (key.expiresAt && key.expiresAt.getTime() <= Date.now()) return { refused: "This API key has expired." };
  if (!row.user || !row.creatorRole) return { refused: "This API key stopped working: the member who created it has left the workspace." };
  if (!assignableRoles(row.creatorRole).includes(key.role)) {
    return { refused: "This API key stopped working: the member who created it can no longer grant its role." };
  }
  await db
    .update(apiKeys)
    .set({ lastUsedAt: sql`now()` })
    .where(
      and(
        eq(apiKeys.workspaceId, key.workspaceId),
        eq(apiKeys.id, key.id),
        sql`(${apiKeys.lastUsedAt} IS NULL OR ${apiKeys.lastUsedAt} < now() - make_interval(secs => ${LAST_USED_EVERY_SECONDS}))`,
      ),
    );
  return {
    userId: row.user.id,
    name: row.user.name,
    email: row.user.email,
    role: key.role,
    workspace: row.workspace,
    apiKey: { id: key.id, name: key.name, prefix: key.prefix },
  };
}
