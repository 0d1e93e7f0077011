import { and, count, eq } from "drizzle-orm";
import type { DatabaseHandle } from "@/db/client";
import { auditLog, memberships, users, type Role } from "@/db/schema";
import { ROLES } from "@/lib/auth/permissions";
import { addMemberAction, changeMemberRoleAction, removeMemberAction } from "@/lib/members/actions";
import { LAST_SUPER_ADMIN, listMembers } from "@/lib/members/members";
import { contextFor, resolveActor } from "@/lib/auth/actor";
import { createTestDatabase } from "../support/db";
import { auditCount, callerFor, createMember, createWorkspace } from "../support/fixtures";

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle.close());

async function workspaceWith(...roles: Role[]) {
  const workspace = await createWorkspace(handle.db);
  const people = [];
  for (const role of roles) people.push(await createMember(handle.db, workspace.id, role));
  return { workspace, people };
}

async function roleOf(workspaceId: string, userId: string) {
  const [row] = await handle.db
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)));
  return row?.role ?? null;
}

async function userCount() {
  const [row] = await handle.db.select({ n: count() }).from(users);
  return row.n;
}

const newMember = (email: string, role = "user") => ({ email, name: "Uma User", role, password: "uma password 123" });

describe("add a member", () => {
  test("creates the account and membership, with an audit entry, and the member can be listed", async () => {
    const { workspace, people } = await workspaceWith("administrator");
    const result = await addMemberAction.invoke(callerFor(handle.db, people[0].userId), newMember("Uma@Acme.test"));
    expect(result).toMatchObject({ ok: true, data: { email: "uma@acme.test", role: "user" } });
    const actor = await resolveActor(handle.db, people[0].userId);
    const list = await listMembers(contextFor(handle.db, actor!));
    expect(list.map((m) => m.email)).toContain("uma@acme.test");
    const [entry] = await handle.db.select().from(auditLog).where(eq(auditLog.workspaceId, workspace.id));
    expect(entry).toMatchObject({ action: "member.added", after: { email: "uma@acme.test", role: "user" } });
  });

  test.each([
    [{ email: "" }, "email", "Enter an email address."],
    [{ email: "uma@" }, "email", "Enter a valid email address, like name@example.com."],
    [{ name: "" }, "name", "Enter a name."],
    [{ role: "owner" }, "role", "Choose a role."],
    [{ password: "short" }, "password", "Use at least 12 characters. A few words in a row make a good password."],
  ])("bad input %j: a message on %s and nothing written", async (patch, field, message) => {
    const { workspace, people } = await workspaceWith("administrator");
    const usersBefore = await userCount();
    const result = await addMemberAction.invoke(callerFor(handle.db, people[0].userId), {
      ...newMember("fresh@acme.test"),
      ...patch,
    });
    expect(result).toMatchObject({ ok: false, code: "invalid", fieldErrors: { [field]: message } });
    expect(await userCount()).toBe(usersBefore);
    expect(await auditCount(handle.db, workspace.id)).toBe(0);
  });

  test("an email that already has an account is a field error, and nothing is written", async () => {
    const { workspace, people } = await workspaceWith("administrator", "user");
    const usersBefore = await userCount();
    const result = await addMemberAction.invoke(callerFor(handle.db, people[0].userId), newMember(people[1].email.toUpperCase()));
    expect(result).toMatchObject({
      ok: false,
      fieldErrors: { email: "Someone with this email already has a Switchboard account." },
    });
    expect(await userCount()).toBe(usersBefore);
    expect(await auditCount(handle.db, workspace.id)).toBe(0);
  });

  test("nobody grants a role above their own", async () => {
    const { people } = await workspaceWith("user_manager", "administrator");
    const [manager, administrator] = people;
    for (const role of ["super_admin", "administrator"]) {
      const result = await addMemberAction.invoke(callerFor(handle.db, manager.userId), newMember(`m-${role}@acme.test`, role));
      expect(result).toMatchObject({ ok: false, fieldErrors: { role: expect.stringMatching(/cannot grant/) } });
    }
    const bySuper = await addMemberAction.invoke(callerFor(handle.db, administrator.userId), newMember("s@acme.test", "super_admin"));
    expect(bySuper).toMatchObject({ ok: false, code: "invalid" });
    const ok = await addMemberAction.invoke(callerFor(handle.db, manager.userId), newMember("dev@acme.test", "developer"));
    expect(ok.ok).toBe(true);
  });

  test.each(ROLES)("role %s may add members only if it manages members", async (role) => {
    const { people } = await workspaceWith(role);
    const result = await addMemberAction.invoke(callerFor(handle.db, people[0].userId), newMember(`by-${role}@acme.test`, "developer"));
    expect(result.ok).toBe(["super_admin", "administrator", "user_manager"].includes(role));
    if (!result.ok) expect(result.code).toBe("forbidden");
  });
});

describe("change a role", () => {
  test("changes it and records before and after", async () => {
    const { workspace, people } = await workspaceWith("super_admin", "user");
    const result = await changeMemberRoleAction.invoke(callerFor(handle.db, people[0].userId), {
      userId: people[1].userId,
      role: "administrator",
    });
    expect(result.ok).toBe(true);
    expect(await roleOf(workspace.id, people[1].userId)).toBe("administrator");
    const [entry] = await handle.db.select().from(auditLog).where(eq(auditLog.action, "member.role_changed"));
    expect(entry).toMatchObject({ before: { role: "user" }, after: { role: "administrator" } });
  });

  test("the last Super Admin cannot be demoted, even by themselves; with two, one can", async () => {
    const { workspace, people } = await workspaceWith("super_admin", "administrator");
    const [superAdmin] = people;
    const demote = await changeMemberRoleAction.invoke(callerFor(handle.db, superAdmin.userId), {
      userId: superAdmin.userId,
      role: "administrator",
    });
    expect(demote).toMatchObject({ ok: false, fieldErrors: { role: LAST_SUPER_ADMIN } });
    expect(await roleOf(workspace.id, superAdmin.userId)).toBe("super_admin");

    await changeMemberRoleAction.invoke(callerFor(handle.db, superAdmin.userId), { userId: people[1].userId, role: "super_admin" });
    const now = await changeMemberRoleAction.invoke(callerFor(handle.db, superAdmin.userId), {
      userId: superAdmin.userId,
      role: "administrator",
    });
    expect(now.ok).toBe(true);
  });

  test("two Super Admins demoting each other at once leave one Super Admin", async () => {
    const { workspace, people } = await workspaceWith("super_admin", "super_admin");
    const [a, b] = people;
    const results = await Promise.all([
      changeMemberRoleAction.invoke(callerFor(handle.db, a.userId), { userId: b.userId, role: "user" }),
      changeMemberRoleAction.invoke(callerFor(handle.db, b.userId), { userId: a.userId, role: "user" }),
    ]);
    const roles = [await roleOf(workspace.id, a.userId), await roleOf(workspace.id, b.userId)];
    expect(roles.filter((r) => r === "super_admin")).toHaveLength(1);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
  });

  test("a User Manager cannot change an Administrator", async () => {
    const { workspace, people } = await workspaceWith("user_manager", "administrator");
    const result = await changeMemberRoleAction.invoke(callerFor(handle.db, people[0].userId), {
      userId: people[1].userId,
      role: "user",
    });
    expect(result.ok).toBe(false);
    expect(await roleOf(workspace.id, people[1].userId)).toBe("administrator");
  });

  test("an unknown id or a bad role is refused", async () => {
    const { people } = await workspaceWith("super_admin", "user");
    const bad = await changeMemberRoleAction.invoke(callerFor(handle.db, people[0].userId), { userId: "nope", role: "user" });
    expect(bad).toMatchObject({ ok: false, code: "invalid", fieldErrors: { userId: "Unknown member." } });
    const badRole = await changeMemberRoleAction.invoke(callerFor(handle.db, people[0].userId), {
      userId: people[1].userId,
      role: "god",
    });
    expect(badRole).toMatchObject({ ok: false, fieldErrors: { role: "Choose a role." } });
  });
});

describe("remove a member", () => {
  test("removes the membership and the account that no longer belongs anywhere", async () => {
    const { workspace, people } = await workspaceWith("administrator", "user");
    const result = await removeMemberAction.invoke(callerFor(handle.db, people[0].userId), { userId: people[1].userId });
    expect(result.ok).toBe(true);
    expect(await roleOf(workspace.id, people[1].userId)).toBeNull();
    expect(await handle.db.select().from(users).where(eq(users.id, people[1].userId))).toHaveLength(0);
    const [entry] = await handle.db.select().from(auditLog).where(eq(auditLog.workspaceId, workspace.id));
    expect(entry).toMatchObject({ action: "member.removed", before: { email: people[1].email, role: "user" } });
  });

  test("the last Super Admin cannot be removed", async () => {
    const { workspace, people } = await workspaceWith("super_admin");
    const result = await removeMemberAction.invoke(callerFor(handle.db, people[0].userId), { userId: people[0].userId });
    expect(result).toEqual({ ok: false, code: "invalid", message: LAST_SUPER_ADMIN });
    expect(await roleOf(workspace.id, people[0].userId)).toBe("super_admin");
    expect(await auditCount(handle.db, workspace.id)).toBe(0);
  });
});

describe("workspace isolation", () => {
  test("a member manager of B cannot see, change or remove members of A: 404", async () => {
    const a = await workspaceWith("super_admin", "user");
    const b = await workspaceWith("super_admin");
    const bAdmin = callerFor(handle.db, b.people[0].userId);
    const target = a.people[1].userId;

    expect(await changeMemberRoleAction.invoke(bAdmin, { userId: target, role: "administrator" })).toMatchObject({
      ok: false,
      code: "not_found",
    });
    expect(await removeMemberAction.invoke(bAdmin, { userId: target })).toMatchObject({ ok: false, code: "not_found" });
    expect(await roleOf(a.workspace.id, target)).toBe("user");

    const bActor = await resolveActor(handle.db, b.people[0].userId);
    const listed = await listMembers(contextFor(handle.db, bActor!));
    expect(listed.map((m) => m.userId)).toEqual([b.people[0].userId]);
    expect(await auditCount(handle.db, a.workspace.id)).toBe(0);
  });

  test("a workspace cookie naming a workspace the user is not in is ignored", async () => {
    const a = await workspaceWith("super_admin");
    const b = await workspaceWith("user");
    const actor = await resolveActor(handle.db, b.people[0].userId, a.workspace.id);
    expect(actor?.workspace.id).toBe(b.workspace.id);
    expect(actor?.role).toBe("user");
  });
});
