import type { DatabaseHandle } from "@/db/client";
import { contextFor, resolveActor } from "@/lib/auth/actor";
import { auditActions, listAuditEntries } from "@/lib/audit/list";
import { updateWorkspaceSettingsAction } from "@/lib/workspaces/actions";
import { createTestDatabase } from "../support/db";
import { callerFor, createMember, createWorkspace } from "../support/fixtures";

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle.close());

test("the audit log lists only the workspace's own entries, newest first, filterable by action", async () => {
  const a = await createWorkspace(handle.db);
  const b = await createWorkspace(handle.db);
  const adminA = await createMember(handle.db, a.id, "administrator");
  const adminB = await createMember(handle.db, b.id, "administrator");
  const settings = (name: string) => ({ name, defaultCountry: "US", contactsEnabled: "on", contactLimit: "" });
  await updateWorkspaceSettingsAction.invoke(callerFor(handle.db, adminA.userId), settings("A one"));
  await updateWorkspaceSettingsAction.invoke(callerFor(handle.db, adminA.userId), settings("A two"));
  await updateWorkspaceSettingsAction.invoke(callerFor(handle.db, adminB.userId), settings("B one"));

  const ctxB = contextFor(handle.db, (await resolveActor(handle.db, adminB.userId))!);
  const { entries, total } = await listAuditEntries(ctxB, { page: 1 });
  expect(total).toBe(1);
  expect(entries[0].after).toMatchObject({ name: "B one" });

  const ctxA = contextFor(handle.db, (await resolveActor(handle.db, adminA.userId))!);
  const listedA = await listAuditEntries(ctxA, { page: 1, action: "workspace.settings_updated" });
  expect(listedA.entries.map((e) => (e.after as { name: string }).name)).toEqual(["A two", "A one"]);
  expect(await listAuditEntries(ctxA, { page: 1, action: "member.added" })).toEqual({ entries: [], total: 0 });
  expect(await auditActions(ctxA)).toEqual(["workspace.settings_updated"]);
});
