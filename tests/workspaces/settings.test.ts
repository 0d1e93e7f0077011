import { eq } from "drizzle-orm";
import type { DatabaseHandle } from "@/db/client";
import { auditLog, workspaces } from "@/db/schema";
import { ROLES } from "@/lib/auth/permissions";
import { updateWorkspaceSettingsAction } from "@/lib/workspaces/actions";
import { createTestDatabase } from "../support/db";
import { auditCount, callerFor, createMember, createWorkspace } from "../support/fixtures";

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle.close());

const valid = { name: "Acme Support", defaultCountry: "gb", contactsEnabled: "on", contactLimit: "5,000" };

async function setupWorkspace() {
  const workspace = await createWorkspace(handle.db, { name: "Before", defaultCountry: "US" });
  const admin = await createMember(handle.db, workspace.id, "administrator");
  return { workspace, admin };
}

async function stored(workspaceId: string) {
  const [row] = await handle.db.select().from(workspaces).where(eq(workspaces.id, workspaceId));
  return row;
}

test("an administrator saves settings; one audit entry records before and after", async () => {
  const { workspace, admin } = await setupWorkspace();
  const result = await updateWorkspaceSettingsAction.invoke(callerFor(handle.db, admin.userId), valid);
  expect(result).toEqual({
    ok: true,
    data: { name: "Acme Support", defaultCountry: "GB", contactsEnabled: true, contactLimit: 5000 },
  });
  expect(await stored(workspace.id)).toMatchObject({ name: "Acme Support", defaultCountry: "GB", contactLimit: 5000 });
  const entries = await handle.db.select().from(auditLog).where(eq(auditLog.workspaceId, workspace.id));
  expect(entries).toHaveLength(1);
  expect(entries[0]).toMatchObject({
    action: "workspace.settings_updated",
    actorUserId: admin.userId,
    before: { name: "Before", defaultCountry: "US", contactsEnabled: true, contactLimit: null },
    after: { name: "Acme Support", defaultCountry: "GB", contactsEnabled: true, contactLimit: 5000 },
  });
});

test("an unchecked Contacts Management box switches the feature off; an empty limit means no limit", async () => {
  const { workspace, admin } = await setupWorkspace();
  const result = await updateWorkspaceSettingsAction.invoke(callerFor(handle.db, admin.userId), {
    name: "Acme",
    defaultCountry: "US",
    contactLimit: "",
  });
  expect(result.ok).toBe(true);
  expect(await stored(workspace.id)).toMatchObject({ contactsEnabled: false, contactLimit: null });
});

test.each([
  [{ name: "  " }, "name", "Enter a workspace name."],
  [{ name: "x".repeat(101) }, "name", "Workspace names are at most 100 characters."],
  [{ defaultCountry: "ZZ" }, "defaultCountry", "Choose a country from the list (ISO code such as US or GB)."],
  [{ defaultCountry: "" }, "defaultCountry", "Choose a country from the list (ISO code such as US or GB)."],
  [{ contactLimit: "abc" }, "contactLimit", "Enter a whole number, or leave empty for no limit."],
  [{ contactLimit: "2.5" }, "contactLimit", "Enter a whole number, or leave empty for no limit."],
  [{ contactLimit: "0" }, "contactLimit", "The limit must be at least 1, or empty for no limit."],
  [{ contactLimit: "-5" }, "contactLimit", "The limit must be at least 1, or empty for no limit."],
  [{ contactLimit: "1000000000" }, "contactLimit", "The limit can be at most 100,000,000."],
])("bad input %j: a message on %s and nothing written", async (patch, field, message) => {
  const { workspace, admin } = await setupWorkspace();
  const before = await stored(workspace.id);
  const result = await updateWorkspaceSettingsAction.invoke(callerFor(handle.db, admin.userId), { ...valid, ...patch });
  expect(result).toMatchObject({ ok: false, code: "invalid", fieldErrors: { [field]: message } });
  expect(await stored(workspace.id)).toEqual(before);
  expect(await auditCount(handle.db, workspace.id)).toBe(0);
});

test.each(ROLES)("role %s: allowed only for super_admin and administrator", async (role) => {
  const workspace = await createWorkspace(handle.db, { name: "Before" });
  const member = await createMember(handle.db, workspace.id, role);
  const result = await updateWorkspaceSettingsAction.invoke(callerFor(handle.db, member.userId), valid);
  const allowed = role === "super_admin" || role === "administrator";
  expect(result.ok).toBe(allowed);
  expect((await stored(workspace.id)).name).toBe(allowed ? "Acme Support" : "Before");
});

test("an administrator of workspace B changes only B, never A", async () => {
  const a = await setupWorkspace();
  const b = await setupWorkspace();
  await updateWorkspaceSettingsAction.invoke(callerFor(handle.db, b.admin.userId), valid);
  expect((await stored(a.workspace.id)).name).toBe("Before");
  expect((await stored(b.workspace.id)).name).toBe("Acme Support");
  expect(await auditCount(handle.db, a.workspace.id)).toBe(0);
});
