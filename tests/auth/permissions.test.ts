import { eq } from "drizzle-orm";
import { z } from "zod";
import type { DatabaseHandle } from "@/db/client";
import { workspaces, type Role } from "@/db/schema";
import { defineAction } from "@/lib/auth/action";
import { ALL_PERMISSIONS, ROLES, type Permission } from "@/lib/auth/permissions";
import { ok } from "@/lib/result";
import { createTestDatabase } from "../support/db";
import { callerFor, createMember, createWorkspace } from "../support/fixtures";

// SPEC §1, transcribed by hand (not derived from PERMISSIONS), so a wrong
// entry in the matrix module fails here. A = super_admin, administrator,
// user_manager; U = user; V = developer, billing, data_analyst.
const A = ["super_admin", "administrator", "user_manager"] as Role[];
const U = ["user"] as Role[];
const V = ["developer", "billing", "data_analyst"] as Role[];
const EXPECTED: Record<Permission, Role[]> = {
  "contacts.view": [...A, ...U, ...V],
  "favorites.manage": [...A, ...U, ...V],
  "contacts.edit": [...A, ...U],
  "invites.send": [...A, ...U],
  "contacts.delete": A,
  "contacts.import": A,
  "contacts.export": A,
  "reports.download": A,
  "lists.manage": A,
  "attributes.manage": A,
  "consent.defaults": A,
  "workspace.settings": ["super_admin", "administrator"],
  "members.manage": A,
  "audit.read": ["super_admin", "administrator"],
};

let handle: DatabaseHandle;
const members = {} as Record<Role, string>;
let workspaceId: string;

beforeAll(async () => {
  handle = await createTestDatabase();
  const workspace = await createWorkspace(handle.db);
  workspaceId = workspace.id;
  for (const role of ROLES) members[role] = (await createMember(handle.db, workspaceId, role)).userId;
});
afterAll(() => handle.close());

// One probe action per capability: it goes through the real wrapper
// (session → membership → permission → zod) and reports whether it ran.
function probe(permission: Permission) {
  return defineAction({
    permission,
    input: z.object({ value: z.string().min(1, "Enter a value.") }),
    run: async (ctx, input) => ok({ ranAs: ctx.actor.role, workspaceId: ctx.workspaceId, value: input.value }),
  });
}
const probes = Object.fromEntries(ALL_PERMISSIONS.map((p) => [p, probe(p)])) as Record<Permission, ReturnType<typeof probe>>;

test("every capability is covered by the spec table", () => {
  expect(Object.keys(EXPECTED).sort()).toEqual([...ALL_PERMISSIONS].sort());
});

describe.each(ROLES)("role %s", (role) => {
  test.each(ALL_PERMISSIONS)("%s is allowed or refused exactly as SPEC §1 says", async (permission) => {
    const result = await probes[permission].invoke(callerFor(handle.db, members[role]), { value: "x" });
    if (EXPECTED[permission].includes(role)) {
      expect(result).toEqual({ ok: true, data: { ranAs: role, workspaceId, value: "x" } });
    } else {
      expect(result.ok).toBe(false);
      expect(result).toMatchObject({ code: "forbidden", message: expect.stringMatching(/^Your role is not allowed to /) });
    }
  });
});

test("a signed-out caller is refused before anything runs", async () => {
  const result = await probes["contacts.view"].invoke(callerFor(handle.db, null), { value: "x" });
  expect(result).toMatchObject({ ok: false, code: "unauthenticated" });
});

test("permission is checked before input: a refused role never sees validation errors", async () => {
  const result = await probes["contacts.delete"].invoke(callerFor(handle.db, members.user), { value: "" });
  expect(result).toMatchObject({ ok: false, code: "forbidden" });
});

test("bad input is a field error after the permission passes", async () => {
  const result = await probes["contacts.delete"].invoke(callerFor(handle.db, members.administrator), { value: "" });
  expect(result).toEqual({ ok: false, code: "invalid", message: "Enter a value.", fieldErrors: { value: "Enter a value." } });
});

test("with Contacts Management off, contact capabilities are 404 for every role; others still work", async () => {
  await handle.db.update(workspaces).set({ contactsEnabled: false }).where(eq(workspaces.id, workspaceId));
  try {
    for (const role of ROLES) {
      const view = await probes["contacts.view"].invoke(callerFor(handle.db, members[role]), { value: "x" });
      expect(view).toMatchObject({ ok: false, code: "not_found" });
    }
    const settings = await probes["workspace.settings"].invoke(callerFor(handle.db, members.super_admin), { value: "x" });
    expect(settings.ok).toBe(true);
  } finally {
    await handle.db.update(workspaces).set({ contactsEnabled: true }).where(eq(workspaces.id, workspaceId));
  }
});

test("an unexpected error is a generic message, never a stack trace", async () => {
  const broken = defineAction({
    permission: "contacts.view",
    input: z.object({}),
    run: async () => {
      throw new Error("secret internals");
    },
  });
  const spy = jest.spyOn(console, "error").mockImplementation(() => undefined);
  const result = await broken.invoke(callerFor(handle.db, members.user), {});
  expect(spy).toHaveBeenCalled();
  spy.mockRestore();
  expect(result).toEqual({ ok: false, code: "error", message: "Something went wrong. Nothing was saved; try again." });
});
