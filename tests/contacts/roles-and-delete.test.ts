import { count, eq } from "drizzle-orm";
import type { DatabaseHandle } from "@/db/client";
import { auditLog, contacts, favorites, workspaces, type Role } from "@/db/schema";
import { ROLES } from "@/lib/auth/permissions";
import {
  createContactAction,
  deleteAllContactsAction,
  deleteContactsAction,
  setContactStatusAction,
  setFavoriteAction,
  updateContactAction,
} from "@/lib/contacts/actions";
import { createTestDatabase } from "../support/db";
import { auditCount, callerFor, createMember, createWorkspace } from "../support/fixtures";

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle.close());

const EDITORS: Role[] = ["super_admin", "administrator", "user_manager", "user"];
const DELETERS: Role[] = ["super_admin", "administrator", "user_manager"];

async function workspaceWithContact(role: Role, name = "Acme") {
  const workspace = await createWorkspace(handle.db, { name });
  const admin = await createMember(handle.db, workspace.id, "super_admin");
  const member = role === "super_admin" ? admin : await createMember(handle.db, workspace.id, role);
  const created = await createContactAction.invoke(callerFor(handle.db, admin.userId), { firstName: "Jane", phone: "+1 201 555 0123" });
  if (!created.ok) throw new Error(created.message);
  return { workspace, admin, member, caller: callerFor(handle.db, member.userId), contactId: created.data.id };
}

async function contactCount(workspaceId: string) {
  const [row] = await handle.db.select({ n: count() }).from(contacts).where(eq(contacts.workspaceId, workspaceId));
  return row.n;
}

describe.each(ROLES)("role %s", (role) => {
  test("add and edit contacts only if §1 allows it", async () => {
    const { caller, contactId, workspace } = await workspaceWithContact(role);
    const create = await createContactAction.invoke(caller, { firstName: "Bob", email: "bob@x.test" });
    const update = await updateContactAction.invoke(caller, { id: contactId, firstName: "Janet", phone: "+1 201 555 0123" });
    const block = await setContactStatusAction.invoke(caller, { id: contactId, status: "blocked" });
    const allowed = EDITORS.includes(role);
    for (const result of [create, update, block]) {
      expect(result.ok ? "ok" : result.code).toBe(allowed ? "ok" : "forbidden");
    }
    expect(await contactCount(workspace.id)).toBe(allowed ? 2 : 1);
  });

  test("delete (single, bulk, all) only for admin roles", async () => {
    const { caller, contactId, workspace } = await workspaceWithContact(role);
    const allowed = DELETERS.includes(role);
    const single = await deleteContactsAction.invoke(caller, { ids: [contactId] });
    expect(single.ok ? "ok" : single.code).toBe(allowed ? "ok" : "forbidden");
    const all = await deleteAllContactsAction.invoke(caller, { confirmName: "Acme" });
    expect(all.ok ? "ok" : all.code).toBe(allowed ? "invalid" : "forbidden"); // allowed: nothing left to delete
    expect(await contactCount(workspace.id)).toBe(allowed ? 0 : 1);
  });

  test("every role can star", async () => {
    const { caller, contactId } = await workspaceWithContact(role);
    expect(await setFavoriteAction.invoke(caller, { ids: [contactId], starred: true })).toEqual({ ok: true, data: { changed: 1 } });
  });
});

describe("another workspace's contacts are 404 for every action", () => {
  test("edit, block, delete, star", async () => {
    const a = await workspaceWithContact("super_admin");
    const b = await workspaceWithContact("super_admin", "Other");
    const attacker = b.caller;
    const results = [
      await updateContactAction.invoke(attacker, { id: a.contactId, firstName: "X", email: "x@x.test" }),
      await setContactStatusAction.invoke(attacker, { id: a.contactId, status: "blocked" }),
      await deleteContactsAction.invoke(attacker, { ids: [a.contactId] }),
      await setFavoriteAction.invoke(attacker, { ids: [a.contactId], starred: true }),
    ];
    for (const result of results) expect(result).toMatchObject({ ok: false, code: "not_found" });
    expect(await contactCount(a.workspace.id)).toBe(1);
    expect(await auditCount(handle.db, a.workspace.id)).toBe(1);
  });
});

describe("delete", () => {
  test("bulk delete removes only this workspace's rows, keeps the counter right, one audit entry", async () => {
    const { workspace, caller } = await workspaceWithContact("administrator");
    const more = [];
    for (const email of ["b@x.test", "c@x.test"]) {
      const r = await createContactAction.invoke(caller, { firstName: "P", email });
      if (r.ok) more.push(r.data.id);
    }
    const other = await workspaceWithContact("administrator", "Other");
    const result = await deleteContactsAction.invoke(caller, { ids: [...more, other.contactId] });
    expect(result).toEqual({ ok: true, data: { deleted: 2 } });
    expect(await contactCount(workspace.id)).toBe(1);
    expect(await contactCount(other.workspace.id)).toBe(1);
    const [ws] = await handle.db.select().from(workspaces).where(eq(workspaces.id, workspace.id));
    expect(ws.contactCount).toBe(1);
    const bulk = await handle.db.select().from(auditLog).where(eq(auditLog.action, "contact.bulk_deleted"));
    expect(bulk).toHaveLength(1);
    expect(bulk[0].before).toMatchObject({ count: 2 });
  });

  test("deleting a contact removes its stars", async () => {
    const { caller, contactId } = await workspaceWithContact("administrator");
    await setFavoriteAction.invoke(caller, { ids: [contactId], starred: true });
    await deleteContactsAction.invoke(caller, { ids: [contactId] });
    expect(await handle.db.select().from(favorites).where(eq(favorites.contactId, contactId))).toHaveLength(0);
  });

  test("bad ids and empty selections are refused", async () => {
    const { caller } = await workspaceWithContact("administrator");
    expect(await deleteContactsAction.invoke(caller, { ids: [] })).toMatchObject({ fieldErrors: { ids: "Select at least one contact." } });
    expect(await deleteContactsAction.invoke(caller, { ids: ["nope"] })).toMatchObject({ code: "invalid" });
  });

  test("delete all needs the workspace name typed exactly, then empties it in one go", async () => {
    const { workspace, caller } = await workspaceWithContact("administrator", "Acme Support");
    await createContactAction.invoke(caller, { firstName: "B", email: "b@x.test" });
    for (const typed of ["", "acme support", "Acme"]) {
      expect(await deleteAllContactsAction.invoke(caller, { confirmName: typed })).toMatchObject({
        ok: false,
        fieldErrors: { confirmName: "Type the workspace name, Acme Support, exactly to confirm." },
      });
    }
    expect(await contactCount(workspace.id)).toBe(2);
    expect(await deleteAllContactsAction.invoke(caller, { confirmName: " Acme Support " })).toEqual({ ok: true, data: { deleted: 2 } });
    expect(await contactCount(workspace.id)).toBe(0);
    const [ws] = await handle.db.select().from(workspaces).where(eq(workspaces.id, workspace.id));
    expect(ws.contactCount).toBe(0);
  });
});

test("Contacts Management off: every contact action is 404, data untouched; on again, all back", async () => {
  const { workspace, caller, contactId } = await workspaceWithContact("administrator");
  await handle.db.update(workspaces).set({ contactsEnabled: false }).where(eq(workspaces.id, workspace.id));
  const results = [
    await createContactAction.invoke(caller, { firstName: "B", email: "b@x.test" }),
    await updateContactAction.invoke(caller, { id: contactId, firstName: "X", email: "x@x.test" }),
    await deleteContactsAction.invoke(caller, { ids: [contactId] }),
    await setFavoriteAction.invoke(caller, { ids: [contactId], starred: true }),
  ];
  for (const result of results) expect(result).toMatchObject({ ok: false, code: "not_found" });
  expect(await contactCount(workspace.id)).toBe(1);
  await handle.db.update(workspaces).set({ contactsEnabled: true }).where(eq(workspaces.id, workspace.id));
  expect((await setFavoriteAction.invoke(caller, { ids: [contactId], starred: true })).ok).toBe(true);
});
