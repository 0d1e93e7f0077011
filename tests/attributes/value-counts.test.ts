import { sql } from "drizzle-orm";
import type { DatabaseHandle } from "@/db/client";
import { queryRows } from "@/db/query";
import { createAttributeAction, deleteAttributeAction, updateAttributeAction } from "@/lib/attributes/actions";
import { countAttributeValue } from "@/lib/attributes/value-counts";
import { createContactAction, deleteAllContactsAction, deleteContactsAction, updateContactAction } from "@/lib/contacts/actions";
import { listContacts } from "@/lib/contacts/list";
import { parseContactQuery } from "@/lib/contacts/query";
import { createTestDatabase } from "../support/db";
import { importFile } from "../import/support";
import { callerFor, createMember, createWorkspace, ctxFor } from "../support/fixtures";

// The maintained counts of dropdown and boolean values (migration 0010) must
// equal a count of the contacts after every kind of write: each test compares
// them with one, value by value.

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle.close());

async function setup() {
  const workspace = await createWorkspace(handle.db, { name: "Acme" });
  const admin = await createMember(handle.db, workspace.id, "administrator");
  const caller = callerFor(handle.db, admin.userId);
  const ctx = await ctxFor(handle.db, admin.userId);
  for (const input of [
    { key: "tier", label: "Tier", type: "dropdown", options: "Gold\nSilver\nBronze" },
    { key: "vip", label: "VIP", type: "boolean" },
    { key: "note", label: "Note", type: "text" },
  ]) {
    const made = await createAttributeAction.invoke(caller, input);
    if (!made.ok) throw new Error(made.message);
  }
  return { workspace, caller, ctx };
}

type Tally = Record<string, number>;

/** The keys these tests count (their dropdown and boolean attributes). */
const COUNTED_KEYS = ["tier", "vip", "level"];

/**
 * key=value → how many contacts hold it, counted from the contacts alone (not
 * through the definitions the triggers consult, so a value the triggers
 * missed shows as a difference).
 */
async function actualCounts(workspaceId: string): Promise<Tally> {
  const rows = await queryRows<{ k: string; n: number | string }>(
    handle.db,
    sql`SELECT e.key || '=' || e.value::text AS k, count(*) AS n
        FROM contacts c CROSS JOIN LATERAL jsonb_each(c.attributes) e
        WHERE c.workspace_id = ${workspaceId} AND e.key IN (${sql.join(COUNTED_KEYS.map((k) => sql`${k}`), sql`, `)}) GROUP BY 1`,
  );
  return Object.fromEntries(rows.map((r) => [r.k, Number(r.n)]));
}

/** The same, from the maintained deltas; values nobody holds any more are left out. */
async function maintainedCounts(workspaceId: string): Promise<Tally> {
  const rows = await queryRows<{ k: string; n: number | string }>(
    handle.db,
    sql`SELECT key || '=' || value::text AS k, sum(n) AS n FROM attribute_value_counts
        WHERE workspace_id = ${workspaceId} GROUP BY 1 HAVING sum(n) <> 0`,
  );
  return Object.fromEntries(rows.map((r) => [r.k, Number(r.n)]));
}

async function expectInStep(workspaceId: string, expected: Tally) {
  expect(await actualCounts(workspaceId)).toEqual(expected);
  expect(await maintainedCounts(workspaceId)).toEqual(expected);
}

async function create(caller: ReturnType<typeof callerFor>, name: string, values: Record<string, string>) {
  const made = await createContactAction.invoke(caller, { firstName: name, email: `${name.toLowerCase()}@x.test`, ...values });
  if (!made.ok) throw new Error(JSON.stringify(made));
  return made.data.id;
}

test("creates, edits, deletes, option removal, attribute deletion and delete-all keep the counts exact", async () => {
  const { workspace, caller, ctx } = await setup();
  const ann = await create(caller, "Ann", { "attr.tier": "Gold", "attr.vip": "yes", "attr.note": "Key account" });
  const bob = await create(caller, "Bob", { "attr.tier": "Gold" });
  const cat = await create(caller, "Cat", { "attr.tier": "Silver", "attr.vip": "yes" });
  await create(caller, "Dan", {});
  // Text values are not counted: they may all differ.
  await expectInStep(workspace.id, { 'tier="Gold"': 2, 'tier="Silver"': 1, "vip=true": 2 });

  const edited = await updateContactAction.invoke(caller, { id: bob, firstName: "Bob", email: "bob@x.test", "attr.tier": "Bronze" });
  expect(edited.ok).toBe(true);
  // An edit of another field leaves the values as they were: no delta at all.
  const before = await queryRows<{ n: number | string }>(handle.db, sql`SELECT count(*) AS n FROM attribute_value_counts WHERE workspace_id = ${workspace.id}`);
  await updateContactAction.invoke(caller, { id: cat, firstName: "Catherine", email: "cat@x.test", "attr.tier": "Silver", "attr.vip": "yes" });
  const after = await queryRows<{ n: number | string }>(handle.db, sql`SELECT count(*) AS n FROM attribute_value_counts WHERE workspace_id = ${workspace.id}`);
  expect(Number(after[0].n)).toBe(Number(before[0].n));
  await expectInStep(workspace.id, { 'tier="Gold"': 1, 'tier="Bronze"': 1, 'tier="Silver"': 1, "vip=true": 2 });

  expect((await deleteContactsAction.invoke(caller, { ids: [ann] })).ok).toBe(true);
  await expectInStep(workspace.id, { 'tier="Bronze"': 1, 'tier="Silver"': 1, "vip=true": 1 });

  const tier = (await queryRows<{ id: string }>(handle.db, sql`SELECT id FROM attribute_definitions WHERE workspace_id = ${workspace.id} AND key = 'tier'`))[0];
  expect((await updateAttributeAction.invoke(caller, { id: tier.id, label: "Tier", options: "Gold\nSilver", confirmed: "on" })).ok).toBe(true);
  await expectInStep(workspace.id, { 'tier="Silver"': 1, "vip=true": 1 });
  expect(await countAttributeValue(ctx, "tier", "Bronze")).toBe(0);

  expect((await deleteAttributeAction.invoke(caller, { id: tier.id, confirmed: "on" })).ok).toBe(true);
  await expectInStep(workspace.id, { "vip=true": 1 });
  const leftover = await queryRows(handle.db, sql`SELECT 1 FROM attribute_value_counts WHERE workspace_id = ${workspace.id} AND key = 'tier'`);
  expect(leftover).toHaveLength(0);

  // A new attribute under the same key starts from what contacts hold: nothing.
  expect((await createAttributeAction.invoke(caller, { key: "tier", label: "Tier", type: "dropdown", options: "Gold" })).ok).toBe(true);
  await create(caller, "Eve", { "attr.tier": "Gold" });
  expect(await countAttributeValue(ctx, "tier", "Gold")).toBe(1);

  expect((await deleteAllContactsAction.invoke(caller, { confirmName: "Acme" })).ok).toBe(true);
  await expectInStep(workspace.id, {});
});

test("a definition created for a key contacts already hold is counted from them", async () => {
  // A write checked against definitions read before the key's attribute was
  // deleted can land after the delete: the value stays, and no trigger counts it.
  const { workspace, caller, ctx } = await setup();
  const ann = await create(caller, "Ann", { "attr.tier": "Gold" });
  const tier = (await queryRows<{ id: string }>(handle.db, sql`SELECT id FROM attribute_definitions WHERE workspace_id = ${workspace.id} AND key = 'tier'`))[0];
  expect((await deleteAttributeAction.invoke(caller, { id: tier.id, confirmed: "on" })).ok).toBe(true);
  await handle.db.execute(sql`UPDATE contacts SET attributes = attributes || '{"tier": "Gold", "level": "High"}' WHERE id = ${ann}`);
  expect(await maintainedCounts(workspace.id)).toEqual({});

  for (const input of [
    { key: "tier", label: "Tier", type: "dropdown", options: "Gold\nSilver" },
    { key: "level", label: "Level", type: "dropdown", options: "High\nLow" },
  ]) {
    expect((await createAttributeAction.invoke(caller, input)).ok).toBe(true);
  }
  await expectInStep(workspace.id, { 'tier="Gold"': 1, 'level="High"': 1 });
  // And it stays right through the next edit (it went to -1 before the recount).
  const edited = await updateContactAction.invoke(caller, { id: ann, firstName: "Ann", email: "ann@x.test", "attr.tier": "Silver", "attr.level": "High" });
  expect(edited.ok).toBe(true);
  await expectInStep(workspace.id, { 'tier="Silver"': 1, 'level="High"': 1 });
  expect(await countAttributeValue(ctx, "tier", "Gold")).toBe(0);
});

test("a bulk update that changes no values adds no deltas", async () => {
  const { workspace, caller } = await setup();
  await create(caller, "Ann", { "attr.tier": "Gold" });
  await create(caller, "Bob", { "attr.tier": "Silver", "attr.vip": "yes" });
  const rows = async () => Number((await queryRows<{ n: number | string }>(handle.db, sql`SELECT count(*) AS n FROM attribute_value_counts WHERE workspace_id = ${workspace.id}`))[0].n);
  const before = await rows();
  await handle.db.execute(sql`UPDATE contacts SET session_count = session_count + 1, display_name = display_name || ' Jr' WHERE workspace_id = ${workspace.id}`);
  expect(await rows()).toBe(before);
  await expectInStep(workspace.id, { 'tier="Gold"': 1, 'tier="Silver"': 1, "vip=true": 1 });
});

test("an import that creates and updates contacts keeps the counts exact; a preview leaves none behind", async () => {
  const { workspace, ctx } = await setup();
  const first = "Name,Email,Tier,VIP\nAnn,ann@x.test,Gold,yes\nBob,bob@x.test,Gold,no\nCat,cat@x.test,Silver,\nDan,dan@x.test,Platinum,\n";
  const created = await importFile(ctx, first, { mapping: ["name", "email", "attr.tier", "attr.vip"] });
  expect(created.run?.result).toMatchObject({ created: 3, failed: 1 });
  await expectInStep(workspace.id, { 'tier="Gold"': 2, 'tier="Silver"': 1, "vip=true": 1, "vip=false": 1 });

  const second = "Name,Email,Tier\nAnn,ann@x.test,Bronze\nCat,cat@x.test,Gold\nEve,eve@x.test,Gold\n";
  const updated = await importFile(ctx, second, { mapping: ["name", "email", "attr.tier"], duplicates: "update" });
  expect(updated.run?.result).toMatchObject({ created: 1, updated: 2 });
  await expectInStep(workspace.id, { 'tier="Gold"': 3, 'tier="Bronze"': 1, "vip=true": 1, "vip=false": 1 });
});

test("another workspace's values are counted apart", async () => {
  const a = await setup();
  const b = await setup();
  await create(a.caller, "Ann", { "attr.tier": "Gold" });
  await create(b.caller, "Bob", { "attr.tier": "Gold" });
  await create(b.caller, "Cat", { "attr.tier": "Gold" });
  expect(await countAttributeValue(a.ctx, "tier", "Gold")).toBe(1);
  expect(await countAttributeValue(b.ctx, "tier", "Gold")).toBe(2);
});

test("reading a value merges its many deltas into one row per value, keeping the sums", async () => {
  const { workspace, caller, ctx } = await setup();
  const id = await create(caller, "Ann", { "attr.tier": "Gold" });
  await create(caller, "Bob", { "attr.tier": "Silver" });
  // Each change of Ann's tier appends a delta for both values it touches.
  for (let i = 0; i < 10; i++) {
    for (const tier of ["Bronze", "Gold"]) {
      const edited = await updateContactAction.invoke(caller, { id, firstName: "Ann", email: "ann@x.test", "attr.tier": tier });
      if (!edited.ok) throw new Error(JSON.stringify(edited));
    }
  }
  const rows = async () =>
    Number((await queryRows<{ n: number | string }>(handle.db, sql`SELECT count(*) AS n FROM attribute_value_counts WHERE workspace_id = ${workspace.id} AND key = 'tier'`))[0].n);
  expect(await rows()).toBeGreaterThan(16);
  expect(await countAttributeValue(ctx, "tier", "Gold")).toBe(1);
  // Gold and Silver remain, one row each; Bronze summed to 0 and is gone.
  expect(await rows()).toBe(2);
  expect(await countAttributeValue(ctx, "tier", "Gold")).toBe(1);
  expect(await countAttributeValue(ctx, "tier", "Bronze")).toBe(0);
  await expectInStep(workspace.id, { 'tier="Gold"': 1, 'tier="Silver"': 1 });
});

test("a page filtered by one dropdown value is counted exactly past the cap; with another filter it is capped as before", async () => {
  const { workspace, ctx } = await setup();
  // 1,005 Gold and 5 Silver contacts, inserted in one statement (the trigger sees them all at once).
  await handle.db.execute(
    sql`INSERT INTO contacts (workspace_id, first_name, display_name, email, attributes, status)
        SELECT ${workspace.id}, 'P' || i, 'P' || i, 'p' || i || '@x.test',
               jsonb_build_object('tier', CASE WHEN i <= 1005 THEN 'Gold' ELSE 'Silver' END),
               CASE WHEN i % 2 = 0 THEN 'active' ELSE 'inactive' END::contact_status
        FROM generate_series(1, 1010) AS i`,
  );
  const gold = await listContacts(ctx, parseContactQuery({ "a.tier": "Gold" }));
  expect({ total: gold.total, exact: gold.totalExact, rows: gold.rows.length }).toEqual({ total: 1005, exact: true, rows: 50 });
  const silver = await listContacts(ctx, parseContactQuery({ "a.tier": "Silver", page: "1" }));
  expect({ total: silver.total, exact: silver.totalExact, rows: silver.rows.length }).toEqual({ total: 5, exact: true, rows: 5 });
  // The last page of 1,005 holds 5 rows, all Gold.
  const last = await listContacts(ctx, parseContactQuery({ "a.tier": "Gold", page: "21" }));
  expect(last.rows.map((r) => r.attributes.tier)).toEqual(Array(5).fill("Gold"));
  // Gold and active (the even ones of 1–1,005): 502, counted by the capped scan, exactly.
  const both = await listContacts(ctx, parseContactQuery({ "a.tier": "Gold", status: "active" }));
  expect({ total: both.total, exact: both.totalExact }).toEqual({ total: 502, exact: true });
  // An option that is not one of the attribute's is ignored, as before: no count is taken from the deltas.
  const unknown = await listContacts(ctx, parseContactQuery({ "a.tier": "Platinum" }));
  expect(unknown.rows).toHaveLength(50);
  expect(unknown.total).toBeGreaterThan(1000);
});
