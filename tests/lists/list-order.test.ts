import { sql } from "drizzle-orm";
import type { DatabaseHandle } from "@/db/client";
import { queryRows } from "@/db/query";
import { createContactAction, updateContactAction } from "@/lib/contacts/actions";
import { listContacts } from "@/lib/contacts/list";
import { parseContactQuery } from "@/lib/contacts/query";
import { addToListAction, createListAction } from "@/lib/lists/actions";
import { createTestDatabase } from "../support/db";
import { callerFor, createMember, createWorkspace, ctxFor } from "../support/fixtures";

// A list page in name order reads its members by the sort key kept beside
// each membership (migration 0011). Every page must hold exactly the members
// the name order puts there, after adds, renames and bulk changes.

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle.close());

const NAMES = ["delta", "Alpha", "charlie", "Bravo", "echo", "alpha", "Foxtrot", "golf", "Hotel", "india", "Juliet", "kilo", "Lima"];

async function setup() {
  const workspace = await createWorkspace(handle.db);
  const admin = await createMember(handle.db, workspace.id, "administrator");
  const caller = callerFor(handle.db, admin.userId);
  const ctx = await ctxFor(handle.db, admin.userId);
  const ids: string[] = [];
  for (const [i, name] of NAMES.entries()) {
    const made = await createContactAction.invoke(caller, { firstName: name, email: `c${i}@x.test` });
    if (!made.ok) throw new Error(JSON.stringify(made));
    ids.push(made.data.id);
  }
  const list = await createListAction.invoke(caller, { name: "Everyone but golf" });
  if (!list.ok) throw new Error(list.message);
  const added = await addToListAction.invoke(caller, { listId: list.data.id, ids: ids.filter((_, i) => NAMES[i] !== "golf") });
  if (!added.ok) throw new Error(added.message);
  return { workspace, caller, ctx, ids, listId: list.data.id };
}

/** The members' ids in name order, computed from contacts (the order every other page uses). */
async function expectedOrder(workspaceId: string, listId: string): Promise<string[]> {
  const rows = await queryRows<{ id: string }>(
    handle.db,
    sql`SELECT c.id FROM contacts c JOIN list_members m ON m.workspace_id = c.workspace_id AND m.contact_id = c.id AND m.list_id = ${listId}
        WHERE c.workspace_id = ${workspaceId} ORDER BY lower(c.display_name), c.id`,
  );
  return rows.map((r) => r.id);
}

/** Every page of the list page, size 10, concatenated (page 2 of 2 is read from the far end). */
async function pagedOrder(ctx: Awaited<ReturnType<typeof ctxFor>>, listId: string): Promise<string[]> {
  const first = await listContacts(ctx, parseContactQuery({ list: listId, size: "10" }));
  const out = first.rows.map((r) => r.id);
  for (let page = 2; page <= first.pages; page++) {
    out.push(...(await listContacts(ctx, parseContactQuery({ list: listId, size: "10", page: String(page) }))).rows.map((r) => r.id));
  }
  return out;
}

test("every page of a list in name order holds the members the name order puts there", async () => {
  const { workspace, ctx, listId } = await setup();
  const expected = await expectedOrder(workspace.id, listId);
  expect(expected).toHaveLength(12);
  expect(await pagedOrder(ctx, listId)).toEqual(expected);
});

test("a renamed contact moves in the list, whether renamed by the form or by a bulk update", async () => {
  const { workspace, caller, ctx, ids, listId } = await setup();
  const delta = ids[NAMES.indexOf("delta")];
  expect((await updateContactAction.invoke(caller, { id: delta, firstName: "Zulu", email: "c0@x.test" })).ok).toBe(true);
  let order = await pagedOrder(ctx, listId);
  expect(order.at(-1)).toBe(delta);
  expect(order).toEqual(await expectedOrder(workspace.id, listId));

  // One statement renaming several contacts at once, as an import in update mode does.
  await handle.db.execute(sql`UPDATE contacts SET display_name = 'Aaa ' || display_name WHERE workspace_id = ${workspace.id} AND display_name IN ('kilo', 'Lima')`);
  order = await pagedOrder(ctx, listId);
  expect(order.slice(0, 2)).toEqual([ids[NAMES.indexOf("kilo")], ids[NAMES.indexOf("Lima")]]);
  expect(order).toEqual(await expectedOrder(workspace.id, listId));
});

test("the sort key comes from the contact, whatever an insert says", async () => {
  const { workspace, ctx, ids, listId } = await setup();
  const golf = ids[NAMES.indexOf("golf")];
  await handle.db.execute(
    sql`INSERT INTO list_members (workspace_id, list_id, contact_id, sort_name) VALUES (${workspace.id}, ${listId}, ${golf}, 'aaaa wrong')`,
  );
  const [member] = await queryRows<{ sort_name: string }>(handle.db, sql`SELECT sort_name FROM list_members WHERE contact_id = ${golf}`);
  expect(member.sort_name).toBe("golf");
  expect(await pagedOrder(ctx, listId)).toEqual(await expectedOrder(workspace.id, listId));
});

test("other sorts and a search inside the list take the usual path, with the same members", async () => {
  const { workspace, ctx, listId } = await setup();
  const byCreated = await listContacts(ctx, parseContactQuery({ list: listId, sort: "created", size: "100" }));
  expect(byCreated.rows.map((r) => r.id).sort()).toEqual((await expectedOrder(workspace.id, listId)).sort());
  const searched = await listContacts(ctx, parseContactQuery({ list: listId, q: "alpha" }));
  expect(searched.rows.map((r) => r.displayName).sort()).toEqual(["Alpha", "alpha"].sort());
  expect(searched.total).toBe(2);
});
