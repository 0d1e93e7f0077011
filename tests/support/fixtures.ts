import crypto from "node:crypto";
import { count, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { auditLog, memberships, users, workspaces, type Role } from "@/db/schema";
import type { Caller } from "@/lib/auth/action";
import { hashPassword } from "@/lib/auth/password";

export const PASSWORD = "test password 123";
let passwordHash: Promise<string> | undefined;

export async function createWorkspace(db: Db, values: Partial<typeof workspaces.$inferInsert> = {}) {
  const [workspace] = await db
    .insert(workspaces)
    .values({ name: `Workspace ${crypto.randomBytes(3).toString("hex")}`, ...values })
    .returning();
  return workspace;
}

/** A user with a membership of `role` in the workspace; password is PASSWORD. */
export async function createMember(db: Db, workspaceId: string, role: Role, name = `${role} person`) {
  passwordHash ??= hashPassword(PASSWORD);
  const email = `${role}.${crypto.randomBytes(4).toString("hex")}@example.test`;
  const [user] = await db.insert(users).values({ email, name, passwordHash: await passwordHash }).returning();
  await db.insert(memberships).values({ workspaceId, userId: user.id, role });
  return { userId: user.id, email, name, role };
}

/** A caller whose session was issued now: version 0, what a new user has. */
export function callerFor(db: Db, userId: string | null): Caller {
  return { db, userId, sessionVersion: 0 };
}

export async function auditCount(db: Db, workspaceId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(auditLog).where(eq(auditLog.workspaceId, workspaceId));
  return row.n;
}

/** The Ctx a signed-in member gets (what the action wrapper builds). */
export async function ctxFor(db: Db, userId: string) {
  const { resolveActor, contextFor } = await import("@/lib/auth/actor");
  const actor = await resolveActor(db, userId);
  if (!actor) throw new Error(`no actor for ${userId}`);
  return contextFor(db, actor);
}
