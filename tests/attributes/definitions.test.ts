import { eq, sql } from "drizzle-orm";
import type { DatabaseHandle } from "@/db/client";
import { queryRows } from "@/db/query";
import { attributeDefinitions, auditLog, contacts } from "@/db/schema";
import { createAttributeAction, deleteAttributeAction, updateAttributeAction } from "@/lib/attributes/actions";
import { ROLES } from "@/lib/auth/permissions";
import { createContactAction, updateContactAction } from "@/lib/contacts/actions";
import { listContacts } from "@/lib/contacts/list";
import { parseContactQuery } from "@/lib/contacts/query";
import { createTestDatabase } from "../support/db";
import { auditCount, callerFor, createMember, createWorkspace, ctxFor } from "../support/fixtures";

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle.close());

async function setup() {
  const workspace = await createWorkspace(handle.db);
  const admin = await createMember(handle.db, workspace.id, "administrator");
  const agent = await createMember(handle.db, workspace.id, "user");
  return { workspace, admin: callerFor(handle.db, admin.userId), agent: callerFor(handle.db, agent.userId), agentId: agent.userId };
}

async function define(caller: ReturnType<typeof callerFor>, key: string, type: string, options = "") {
  const result = await createAttributeAction.invoke(caller, { key, label: key[0].toUpperCase() + key.slice(1), type, options });
  if (!result.ok) throw new Error(result.message);
  return result.data;
}

describe("definitions", () => {
  test("create: key rules, unique keys, dropdown needs options; each change audited", async () => {
    const { workspace, admin } = await setup();
    expect(await createAttributeAction.invoke(admin, { key: "Renewal Date", label: "Renewal", type: "date" })).toMatchObject({
      fieldErrors: { key: "Keys use lower-case letters, digits and _, starting with a letter (e.g. renewal_date)." },
    });
    expect(await createAttributeAction.invoke(admin, { key: "tier", label: "Tier", type: "dropdown", options: "\n \n" })).toMatchObject({
      fieldErrors: { options: "Add at least one option." },
    });
    expect(await createAttributeAction.invoke(admin, { key: "tier", label: "Tier", type: "dropdown", options: "Gold\ngold" })).toMatchObject({
      fieldErrors: { options: "Each option must be different." },
    });
    expect(await createAttributeAction.invoke(admin, { key: "x", label: "", type: "colour" })).toMatchObject({
      fieldErrors: { label: "Enter a label.", type: "Choose a type." },
    });
    expect(await auditCount(handle.db, workspace.id)).toBe(0);
    const tier = await define(admin, "tier", "dropdown", "Gold\nSilver\n");
    expect(tier).toMatchObject({ key: "tier", type: "dropdown", options: ["Gold", "Silver"] });
    expect(await createAttributeAction.invoke(admin, { key: "tier", label: "Again", type: "text" })).toMatchObject({
      fieldErrors: { key: 'The key "tier" is already used.' },
    });
    expect(await auditCount(handle.db, workspace.id)).toBe(1);
  });

  test("removing a dropdown option that contacts hold asks first, then clears those values", async () => {
    const { admin } = await setup();
    const tier = await define(admin, "tier", "dropdown", "Gold\nSilver\nBronze");
    for (const [i, value] of ["Gold", "Gold", "Silver"].entries()) {
      await createContactAction.invoke(admin, { firstName: `P${i}`, email: `p${i}@x.test`, "attr.tier": value });
    }
    const ask = await updateAttributeAction.invoke(admin, { id: tier.id, label: "Tier", options: "Silver\nBronze" });
    expect(ask).toMatchObject({ ok: false, code: "conflict", message: "2 contacts hold “Gold”. Saving clears those values." });
    expect((await handle.db.select().from(attributeDefinitions).where(eq(attributeDefinitions.id, tier.id)))[0].options).toEqual([
      "Gold",
      "Silver",
      "Bronze",
    ]);
    const done = await updateAttributeAction.invoke(admin, { id: tier.id, label: "Level", options: "Silver\nBronze", confirmed: "on" });
    expect(done).toMatchObject({ ok: true, data: { label: "Level", options: ["Silver", "Bronze"] } });
    const held = await queryRows<{ v: string | null }>(handle.db, sql`SELECT attributes->>'tier' AS v FROM contacts WHERE workspace_id = ${tier.workspaceId} ORDER BY 1`);
    expect(held.map((r) => r.v)).toEqual(["Silver", null, null]);
    // Search no longer finds the cleared value.
    const rows = await queryRows(handle.db, sql`SELECT 1 FROM contacts WHERE workspace_id = ${tier.workspaceId} AND search_text LIKE '%gold%'`);
    expect(rows).toHaveLength(0);
  });

  test("removing an option nobody holds, or renaming, needs no confirmation", async () => {
    const { admin } = await setup();
    const tier = await define(admin, "tier", "dropdown", "Gold\nSilver");
    expect((await updateAttributeAction.invoke(admin, { id: tier.id, label: "Tier", options: "Gold" })).ok).toBe(true);
  });

  test("deleting an attribute held by contacts asks first, then removes the values with it", async () => {
    const { workspace, admin } = await setup();
    const note = await define(admin, "note", "text");
    const created = await createContactAction.invoke(admin, { firstName: "Jane", email: "j@x.test", "attr.note": "Key account" });
    if (!created.ok) throw new Error("setup");
    expect(await deleteAttributeAction.invoke(admin, { id: note.id })).toMatchObject({
      code: "conflict",
      message: "1 contact holds a value for Note. Deleting the attribute deletes those values.",
    });
    expect(await deleteAttributeAction.invoke(admin, { id: note.id, confirmed: "on" })).toEqual({ ok: true, data: { cleared: 1 } });
    const [contact] = await handle.db.select().from(contacts).where(eq(contacts.id, created.data.id));
    expect(contact.attributes).toEqual({});
    expect(contact.searchText).not.toContain("key account");
    const actions = (await handle.db.select().from(auditLog).where(eq(auditLog.workspaceId, workspace.id))).map((e) => e.action);
    expect(actions).toContain("attribute.deleted");
  });

  test.each(ROLES)("role %s manages definitions only if it is an admin role", async (role) => {
    const workspace = await createWorkspace(handle.db);
    const member = await createMember(handle.db, workspace.id, role);
    const result = await createAttributeAction.invoke(callerFor(handle.db, member.userId), { key: "tier", label: "Tier", type: "text" });
    expect(result.ok ? "ok" : result.code).toBe(["super_admin", "administrator", "user_manager"].includes(role) ? "ok" : "forbidden");
  });

  test("another workspace's attribute is 404", async () => {
    const a = await setup();
    const b = await setup();
    const tier = await define(a.admin, "tier", "dropdown", "Gold");
    expect(await updateAttributeAction.invoke(b.admin, { id: tier.id, label: "Hacked", options: "X" })).toMatchObject({ code: "not_found" });
    expect(await deleteAttributeAction.invoke(b.admin, { id: tier.id, confirmed: "on" })).toMatchObject({ code: "not_found" });
  });
});

describe("values on contacts", () => {
  test("a user sets values through the form fields; wrong types are field errors and nothing is written", async () => {
    const { workspace, admin, agent } = await setup();
    await define(admin, "renewal", "date");
    await define(admin, "seats", "number");
    const bad = await createContactAction.invoke(agent, { firstName: "Jane", email: "j@x.test", "attr.renewal": "next week", "attr.seats": "many" });
    expect(bad).toEqual({
      ok: false,
      code: "invalid",
      message: "Please correct the highlighted fields.",
      fieldErrors: { "attr.renewal": "Renewal must be a date, like 12/31/2026 (MM/DD/YYYY).", "attr.seats": "Seats must be a number." },
    });
    expect(await handle.db.select().from(contacts).where(eq(contacts.workspaceId, workspace.id))).toHaveLength(0);
    const good = await createContactAction.invoke(agent, { firstName: "Jane", email: "j@x.test", "attr.renewal": "2027-01-31", "attr.seats": "12" });
    expect(good).toMatchObject({ ok: true, data: { attributes: { renewal: "2027-01-31", seats: 12 } } });
    if (!good.ok) return;
    const edited = await updateContactAction.invoke(agent, { id: good.data.id, firstName: "Jane", email: "j@x.test", "attr.renewal": "", "attr.seats": "15" });
    expect(edited).toMatchObject({ ok: true, data: { attributes: { seats: 15 } } });
  });

  test("filters per type combine with AND; text and dropdown values are searchable", async () => {
    const { admin, agentId } = await setup();
    await define(admin, "tier", "dropdown", "Gold\nSilver");
    await define(admin, "renewal", "date");
    await define(admin, "seats", "number");
    await define(admin, "vip", "boolean");
    await define(admin, "note", "text");
    const people = [
      { firstName: "Ann", "attr.tier": "Gold", "attr.renewal": "2027-01-15", "attr.seats": "5", "attr.vip": "yes", "attr.note": "Met at expo" },
      { firstName: "Ben", "attr.tier": "Silver", "attr.renewal": "2027-03-01", "attr.seats": "50", "attr.vip": "no" },
      { firstName: "Cat", "attr.tier": "Gold", "attr.seats": "500" },
    ];
    for (const [i, p] of people.entries()) await createContactAction.invoke(admin, { ...p, email: `p${i}@x.test` });
    const ctx = await ctxFor(handle.db, agentId);
    const names = async (params: Record<string, string>) =>
      (await listContacts(ctx, parseContactQuery(params))).rows.map((r) => r.displayName);
    expect(await names({ "a.tier": "gold" })).toEqual(["Ann", "Cat"]);
    expect(await names({ "a.tier": "Gold", "a.seats.min": "100" })).toEqual(["Cat"]);
    expect(await names({ "a.seats.min": "5", "a.seats.max": "50" })).toEqual(["Ann", "Ben"]);
    expect(await names({ "a.renewal.from": "2027-02-01" })).toEqual(["Ben"]);
    expect(await names({ "a.renewal.from": "2027-01-01", "a.renewal.to": "2027-01-31" })).toEqual(["Ann"]);
    expect(await names({ "a.vip": "yes" })).toEqual(["Ann"]);
    expect(await names({ "a.vip": "no" })).toEqual(["Ben"]);
    expect(await names({ "a.note": "EXPO" })).toEqual(["Ann"]);
    expect(await names({ "a.seats.min": "lots" })).toEqual(["Ann", "Ben", "Cat"]);
    expect(await names({ "a.nope": "x" })).toEqual(["Ann", "Ben", "Cat"]);
    expect(await names({ q: "silver" })).toEqual(["Ben"]);
    expect(await names({ q: "expo" })).toEqual(["Ann"]);
    expect(await names({ q: "500" })).toEqual([]);
  });
});
