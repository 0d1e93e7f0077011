import { count } from "drizzle-orm";
import type { DatabaseHandle } from "@/db/client";
import { auditLog, memberships, users, workspaces } from "@/db/schema";
import { authenticate } from "@/lib/auth/authenticate";
import { createFirstWorkspace, needsSetup } from "@/lib/setup/first-run";
import { createTestDatabase } from "../support/db";

let handle: DatabaseHandle;
beforeEach(async () => {
  handle = await createTestDatabase();
});
afterEach(() => handle.close());

const input = {
  workspaceName: "Acme Support",
  defaultCountry: "us",
  name: "Ada Admin",
  email: "Ada@Acme.test",
  password: "correct horse battery",
  confirmPassword: "correct horse battery",
};

async function counts() {
  const [[w], [u], [m], [a]] = await Promise.all([
    handle.db.select({ n: count() }).from(workspaces),
    handle.db.select({ n: count() }).from(users),
    handle.db.select({ n: count() }).from(memberships),
    handle.db.select({ n: count() }).from(auditLog),
  ]);
  return { workspaces: w.n, users: u.n, memberships: m.n, audit: a.n };
}

test("first run creates the workspace and its Super Admin, who can sign in; then setup is gone", async () => {
  expect(await needsSetup(handle.db)).toBe(true);
  const result = await createFirstWorkspace(handle.db, input);
  expect(result.ok).toBe(true);
  expect(await needsSetup(handle.db)).toBe(false);
  expect(await counts()).toEqual({ workspaces: 1, users: 1, memberships: 1, audit: 1 });
  const [membership] = await handle.db.select().from(memberships);
  expect(membership.role).toBe("super_admin");
  const [workspace] = await handle.db.select().from(workspaces);
  expect(workspace).toMatchObject({ name: "Acme Support", defaultCountry: "US", contactsEnabled: true, contactLimit: null });
  const [user] = await handle.db.select().from(users);
  expect(user.email).toBe("ada@acme.test");
  expect(user.passwordHash).toMatch(/^\$argon2id\$/);
  expect(await authenticate(handle.db, { email: "ada@acme.test", password: input.password, ip: "1.1.1.1" })).toMatchObject({ ok: true });

  const again = await createFirstWorkspace(handle.db, { ...input, email: "eve@evil.test" });
  expect(again).toMatchObject({ ok: false, code: "not_found" });
  expect(await counts()).toEqual({ workspaces: 1, users: 1, memberships: 1, audit: 1 });
});

test("two simultaneous first-run submissions create exactly one workspace", async () => {
  const results = await Promise.all([
    createFirstWorkspace(handle.db, input),
    createFirstWorkspace(handle.db, { ...input, email: "bob@acme.test" }),
  ]);
  expect(results.filter((r) => r.ok)).toHaveLength(1);
  expect(await counts()).toMatchObject({ workspaces: 1, users: 1 });
});

test.each([
  [{ workspaceName: "" }, "workspaceName", "Enter a workspace name."],
  [{ defaultCountry: "XX" }, "defaultCountry", "Choose a country from the list (ISO code such as US or GB)."],
  [{ name: "" }, "name", "Enter a name."],
  [{ email: "" }, "email", "Enter an email address."],
  [{ email: "not-an-email" }, "email", "Enter a valid email address, like name@example.com."],
  [{ password: "short", confirmPassword: "short" }, "password", "Use at least 12 characters. A few words in a row make a good password."],
  [{ confirmPassword: "something else" }, "confirmPassword", "The two passwords do not match."],
])("bad input %j: a message on %s and nothing written", async (patch, field, message) => {
  const result = await createFirstWorkspace(handle.db, { ...input, ...patch });
  expect(result).toMatchObject({ ok: false, code: "invalid", fieldErrors: { [field]: message } });
  expect(await counts()).toEqual({ workspaces: 0, users: 0, memberships: 0, audit: 0 });
  expect(await needsSetup(handle.db)).toBe(true);
});
