import { and, count, eq } from "drizzle-orm";
import type { DatabaseHandle } from "@/db/client";
import { auditLog, contacts, listMembers } from "@/db/schema";
import { ROLES } from "@/lib/auth/permissions";
import { createContactAction, saveColumnsAction, updateContactAction } from "@/lib/contacts/actions";
import { getColumnPreferences } from "@/lib/contacts/column-preferences";
import { listContacts } from "@/lib/contacts/list";
import { parseContactQuery } from "@/lib/contacts/query";
import { addToListAction, createListAction, deleteListAction, removeFromListAction, renameListAction } from "@/lib/lists/actions";
import { listLists, listsOfContact } from "@/lib/lists/lists";
import { createAttributeAction } from "@/lib/attributes/actions";
import { createTestDatabase } from "../support/db";
import { callerFor, createMember, createWorkspace, ctxFor } from "../support/fixtures";

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle.close());

async function setup(contactCount = 3) {
  const workspace = await createWorkspace(handle.db);
  const admin = await createMember(handle.db, workspace.id, "administrator");
  const agent = await createMember(handle.db, workspace.id, "user");
  const adminCaller = callerFor(handle.db, admin.userId);
  const ids: string[] = [];
  for (let i = 0; i < contactCount; i++) {
    const r = await createContactAction.invoke(adminCaller, { firstName: `Person ${i}`, email: `p${i}@x.test` });
    if (r.ok) ids.push(r.data.id);
  }
  return { workspace, admin: adminCaller, agent: callerFor(handle.db, agent.userId), agentId: agent.userId, adminId: admin.userId, ids };
}

async function newList(caller: ReturnType<typeof callerFor>, name: string) {
  const r = await createListAction.invoke(caller, { name });
  if (!r.ok) throw new Error(r.message);
  return r.data;
}

test("names are unique per workspace, case-insensitively, on create and rename", async () => {
  const { admin } = await setup(0);
  await newList(admin, "VIP");
  const other = await newList(admin, "Leads");
  expect(await createListAction.invoke(admin, { name: " vip " })).toMatchObject({ fieldErrors: { name: "A list named “vip” already exists." } });
  expect(await renameListAction.invoke(admin, { id: other.id, name: "Vip" })).toMatchObject({ fieldErrors: { name: "A list named “Vip” already exists." } });
  expect(await createListAction.invoke(admin, { name: "" })).toMatchObject({ fieldErrors: { name: "Enter a list name." } });
  expect(await renameListAction.invoke(admin, { id: other.id, name: "Hot leads" })).toMatchObject({ ok: true, data: { name: "Hot leads" } });
  const b = await setup(0);
  expect((await createListAction.invoke(b.admin, { name: "VIP" })).ok).toBe(true);
});

test("bulk add and remove: only this workspace's contacts, counts, one audit entry each; a user may do it", async () => {
  const { workspace, admin, agent, agentId, ids } = await setup(3);
  const list = await newList(admin, "VIP");
  const outsider = (await setup(1)).ids[0];
  expect(await addToListAction.invoke(agent, { listId: list.id, ids: [...ids, outsider] })).toEqual({ ok: true, data: { changed: 3 } });
  expect(await addToListAction.invoke(agent, { listId: list.id, ids })).toEqual({ ok: true, data: { changed: 0 } });
  expect(await removeFromListAction.invoke(agent, { listId: list.id, ids: [ids[0]] })).toEqual({ ok: true, data: { changed: 1 } });
  const ctx = await ctxFor(handle.db, agentId);
  expect((await listLists(ctx))[0]).toMatchObject({ name: "VIP", members: 2 });
  const page = await listContacts(ctx, parseContactQuery({ list: list.id }));
  expect(page.rows.map((r) => r.displayName)).toEqual(["Person 1", "Person 2"]);
  expect(page.total).toBe(2);
  const entries = await handle.db.select().from(auditLog).where(and(eq(auditLog.workspaceId, workspace.id), eq(auditLog.entityType, "list")));
  expect(entries.map((e) => e.action).sort()).toEqual(["list.created", "list.members_added", "list.members_removed"]);
});

test("deleting a list never deletes contacts", async () => {
  const { workspace, admin, ids } = await setup(2);
  const list = await newList(admin, "Temp");
  await addToListAction.invoke(admin, { listId: list.id, ids });
  expect(await deleteListAction.invoke(admin, { id: list.id })).toEqual({ ok: true, data: { members: 2 } });
  const [row] = await handle.db.select({ n: count() }).from(contacts).where(eq(contacts.workspaceId, workspace.id));
  expect(row.n).toBe(2);
  expect(await handle.db.select().from(listMembers).where(eq(listMembers.listId, list.id))).toHaveLength(0);
});

test("the contact form sets memberships exactly; an unknown list is a field error and nothing changes", async () => {
  const { admin, agent, agentId, ids } = await setup(1);
  const vip = await newList(admin, "VIP");
  const leads = await newList(admin, "Leads");
  const base = { id: ids[0], firstName: "Person 0", email: "p0@x.test", listsField: "1" };
  expect((await updateContactAction.invoke(agent, { ...base, lists: [vip.id, leads.id] })).ok).toBe(true);
  const ctx = await ctxFor(handle.db, agentId);
  expect((await listsOfContact(ctx, ids[0])).map((l) => l.name)).toEqual(["Leads", "VIP"]);
  expect((await updateContactAction.invoke(agent, { ...base, lists: leads.id })).ok).toBe(true);
  expect((await listsOfContact(ctx, ids[0])).map((l) => l.name)).toEqual(["Leads"]);
  const foreign = await newList((await setup(0)).admin, "Elsewhere");
  expect(await updateContactAction.invoke(agent, { ...base, lists: [foreign.id] })).toMatchObject({
    fieldErrors: { lists: "One of the chosen lists no longer exists. Reload and choose again." },
  });
  expect((await listsOfContact(ctx, ids[0])).map((l) => l.name)).toEqual(["Leads"]);
  expect((await updateContactAction.invoke(agent, base)).ok).toBe(true);
  expect(await listsOfContact(ctx, ids[0])).toEqual([]);
  const created = await createContactAction.invoke(agent, { firstName: "New", email: "new@x.test", listsField: "1", lists: vip.id });
  expect(created.ok && (await listsOfContact(ctx, created.data.id)).map((l) => l.name)).toEqual(["VIP"]);
});

test.each(ROLES)("role %s: manage lists only as an admin role; join/leave only with edit rights", async (role) => {
  const { workspace, admin, ids } = await setup(1);
  const list = await newList(admin, "VIP");
  const member = callerFor(handle.db, (await createMember(handle.db, workspace.id, role)).userId);
  const manage = await createListAction.invoke(member, { name: `By ${role}` });
  const join = await addToListAction.invoke(member, { listId: list.id, ids });
  const isAdmin = ["super_admin", "administrator", "user_manager"].includes(role);
  expect(manage.ok ? "ok" : manage.code).toBe(isAdmin ? "ok" : "forbidden");
  expect(join.ok ? "ok" : join.code).toBe(isAdmin || role === "user" ? "ok" : "forbidden");
});

test("another workspace's lists are 404", async () => {
  const a = await setup(1);
  const b = await setup(1);
  const list = await newList(a.admin, "Secret");
  for (const result of [
    await renameListAction.invoke(b.admin, { id: list.id, name: "Mine" }),
    await deleteListAction.invoke(b.admin, { id: list.id }),
    await addToListAction.invoke(b.admin, { listId: list.id, ids: b.ids }),
  ]) {
    expect(result).toMatchObject({ ok: false, code: "not_found" });
  }
  const bCtx = await ctxFor(handle.db, b.adminId);
  expect(await listLists(bCtx)).toEqual([]);
  expect((await listContacts(bCtx, parseContactQuery({ list: list.id }))).rows).toEqual([]);
});

test("column preferences are per user; unknown columns refused; attribute columns allowed", async () => {
  const { admin, agent, agentId, adminId } = await setup(0);
  await createAttributeAction.invoke(admin, { key: "tier", label: "Tier", type: "text" });
  expect(await saveColumnsAction.invoke(agent, { columns: ["email", "attr.tier", "consentSms"] })).toEqual({
    ok: true,
    data: ["email", "attr.tier", "consentSms"],
  });
  expect(await saveColumnsAction.invoke(agent, { columns: ["email", "password"] })).toMatchObject({
    fieldErrors: { columns: "There is no column “password”." },
  });
  expect(await getColumnPreferences(await ctxFor(handle.db, agentId))).toEqual(["email", "attr.tier", "consentSms"]);
  expect(await getColumnPreferences(await ctxFor(handle.db, adminId))).toBeNull();
});
