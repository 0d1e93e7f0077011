import { and, asc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { isUniqueViolation } from "@/db/errors";
import { queryRows } from "@/db/query";
import { memberships, roleEnum, users, type Role } from "@/db/schema";
import type { Ctx } from "@/lib/auth/actor";
import { hashPassword } from "@/lib/auth/password";
import { endSessions } from "@/lib/auth/sessions";
import { assignableRoles, ROLE_LABELS } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record";
import { fail, fieldError, notFound, ok, type Result } from "@/lib/result";
import { emailField, passwordField, passwordNotAbout, personNameField } from "@/lib/validation/fields";

export type Member = { userId: string; name: string; email: string; role: Role; createdAt: Date };

const roleField = z.enum(roleEnum.enumValues, { error: "Choose a role." });
const userIdField = z.uuid({ error: "Unknown member." });

export const addMemberInput = z
  .object({
    email: emailField,
    name: personNameField,
    role: roleField,
    password: passwordField,
  })
  .superRefine(passwordNotAbout("email", "name"));
export const changeRoleInput = z.object({ userId: userIdField, role: roleField });
export const removeMemberInput = z.object({ userId: userIdField });

export async function listMembers(ctx: Ctx): Promise<Member[]> {
  return ctx.db
    .select({
      userId: users.id,
      name: users.name,
      email: users.email,
      role: memberships.role,
      createdAt: memberships.createdAt,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.workspaceId, ctx.workspaceId))
    .orderBy(asc(users.name));
}

function cannotGrant(ctx: Ctx, role: Role) {
  return fieldError("role", `As ${ROLE_LABELS[ctx.actor.role]} you cannot grant the ${ROLE_LABELS[role]} role.`);
}

export async function addMember(ctx: Ctx, input: z.output<typeof addMemberInput>): Promise<Result<Member>> {
  if (!assignableRoles(ctx.actor.role).includes(input.role)) return cannotGrant(ctx, input.role);
  const passwordHash = await hashPassword(input.password);
  try {
    return await ctx.db.transaction(async (tx) => {
      const [user] = await tx
        .insert(users)
        .values({ email: input.email, name: input.name, passwordHash })
        .returning();
      const [membership] = await tx
        .insert(memberships)
        .values({ workspaceId: ctx.workspaceId, userId: user.id, role: input.role })
        .returning();
      const member = { userId: user.id, name: user.name, email: user.email, role: membership.role, createdAt: membership.createdAt };
      await recordAudit(tx, ctx, {
        action: "member.added",
        entityType: "member",
        entityId: user.id,
        after: { name: member.name, email: member.email, role: member.role },
      });
      return ok(member);
    });
  } catch (error) {
    if (isUniqueViolation(error, "users_email_key")) {
      return fieldError("email", "Someone with this email already has a Switchboard account.");
    }
    throw error;
  }
}

type LockedTarget = { role: Role; name: string; email: string; superAdmins: number };

/**
 * Loads a member of this workspace and, under row locks, how many Super Admins
 * it has, so two concurrent demotions cannot both remove "the other" last one.
 */
async function lockTarget(tx: Pick<Ctx["db"], "execute">, ctx: Ctx, userId: string): Promise<LockedTarget | null> {
  const admins = await queryRows<{ user_id: string }>(
    tx,
    sql`SELECT user_id FROM memberships WHERE workspace_id = ${ctx.workspaceId} AND role = 'super_admin' FOR UPDATE`,
  );
  const [row] = await queryRows<{ role: Role; name: string; email: string }>(
    tx,
    sql`SELECT m.role, u.name, u.email FROM memberships m JOIN users u ON u.id = m.user_id
        WHERE m.workspace_id = ${ctx.workspaceId} AND m.user_id = ${userId} FOR UPDATE OF m`,
  );
  return row ? { ...row, superAdmins: admins.length } : null;
}

export const LAST_SUPER_ADMIN = "A workspace needs at least one Super Admin. Make someone else Super Admin first.";

export async function changeMemberRole(ctx: Ctx, input: z.output<typeof changeRoleInput>): Promise<Result<Member>> {
  return ctx.db.transaction(async (tx) => {
    const target = await lockTarget(tx, ctx, input.userId);
    if (!target) return notFound();
    const allowed = assignableRoles(ctx.actor.role);
    if (!allowed.includes(target.role)) return cannotGrant(ctx, target.role);
    if (!allowed.includes(input.role)) return cannotGrant(ctx, input.role);
    if (target.role === input.role) {
      return ok({ userId: input.userId, name: target.name, email: target.email, role: input.role, createdAt: new Date() });
    }
    if (target.role === "super_admin" && target.superAdmins <= 1) return fieldError("role", LAST_SUPER_ADMIN);
    const [updated] = await tx
      .update(memberships)
      .set({ role: input.role })
      .where(and(eq(memberships.workspaceId, ctx.workspaceId), eq(memberships.userId, input.userId)))
      .returning();
    await recordAudit(tx, ctx, {
      action: "member.role_changed",
      entityType: "member",
      entityId: input.userId,
      before: { role: target.role },
      after: { role: input.role },
    });
    return ok({ userId: input.userId, name: target.name, email: target.email, role: updated.role, createdAt: updated.createdAt });
  });
}

export async function removeMember(ctx: Ctx, input: z.output<typeof removeMemberInput>): Promise<Result<{ userId: string }>> {
  return ctx.db.transaction(async (tx) => {
    const target = await lockTarget(tx, ctx, input.userId);
    if (!target) return notFound();
    if (!assignableRoles(ctx.actor.role).includes(target.role)) {
      return fail("forbidden", `As ${ROLE_LABELS[ctx.actor.role]} you cannot remove a ${ROLE_LABELS[target.role]}.`);
    }
    if (target.role === "super_admin" && target.superAdmins <= 1) return fail("invalid", LAST_SUPER_ADMIN);
    await tx
      .delete(memberships)
      .where(and(eq(memberships.workspaceId, ctx.workspaceId), eq(memberships.userId, input.userId)));
    // Ends the person's sessions everywhere, not only here: a session is not
    // tied to one workspace, and a removal must take effect at once.
    await endSessions(tx, input.userId);
    // An account that belongs to no workspace any more is deleted, which frees its email.
    await tx.execute(
      sql`DELETE FROM users WHERE id = ${input.userId} AND NOT EXISTS (SELECT 1 FROM memberships WHERE user_id = ${input.userId})`,
    );
    await recordAudit(tx, ctx, {
      action: "member.removed",
      entityType: "member",
      entityId: input.userId,
      before: { name: target.name, email: target.email, role: target.role },
    });
    return ok({ userId: input.userId });
  });
}
