jest.mock("@/lib/auth/server-session", () => ({ currentCaller: jest.fn() }));

import { GET } from "@/app/api/contacts/export/route";
import type { DatabaseHandle } from "@/db/client";
import { createContactAction } from "@/lib/contacts/actions";
import { createTestDatabase } from "../support/db";
import { callerFor } from "../support/fixtures";
import { get, json, signIn, workspaceWithMembers } from "./support";

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle.close());

async function workspaceWithContacts() {
  const world = await workspaceWithMembers(handle.db);
  const caller = callerFor(handle.db, world.admin.userId);
  const ids: string[] = [];
  for (const [firstName, phone] of [["Jane", "+1 201 555 0123"], ["John", "+1 201 555 0124"]]) {
    const created = await createContactAction.invoke(caller, { firstName, phone });
    if (!created.ok) throw new Error(created.message);
    ids.push(created.data.id);
  }
  return { ...world, ids };
}

describe("GET /api/contacts/export", () => {
  test("streams this workspace's contacts as CSV with the chosen columns", async () => {
    const a = await workspaceWithContacts();
    await workspaceWithContacts();
    signIn(handle.db, a.admin.userId);
    const response = await GET(get("/api/contacts/export?format=csv&scope=all&columns=firstName,phone"));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="contacts-\d{4}-\d{2}-\d{2}\.csv"$/);
    const lines = (await response.text()).replace(/^\uFEFF/, "").trim().split(/\r?\n/);
    expect(lines).toHaveLength(3);
    expect(lines.slice(1).sort()).toEqual(["Jane,+12015550123", "John,+12015550124"]);
  });

  test("scope=selected exports only those ids, and never another workspace's contact", async () => {
    const a = await workspaceWithContacts();
    const b = await workspaceWithContacts();
    signIn(handle.db, a.admin.userId);
    const response = await GET(get(`/api/contacts/export?scope=selected&columns=firstName&ids=${a.ids[0]},${b.ids[1]}`));
    expect(response.status).toBe(200);
    expect((await response.text()).replace(/^\uFEFF/, "").trim().split(/\r?\n/).slice(1)).toEqual(["Jane"]);
  });

  test("scope=filtered reads the contacts page's filters from the rest of the query", async () => {
    const a = await workspaceWithContacts();
    signIn(handle.db, a.admin.userId);
    const response = await GET(get("/api/contacts/export?scope=filtered&columns=firstName&q=john"));
    expect((await response.text()).replace(/^\uFEFF/, "").trim().split(/\r?\n/).slice(1)).toEqual(["John"]);
  });

  test("format=xlsx is a workbook", async () => {
    const a = await workspaceWithContacts();
    signIn(handle.db, a.admin.userId);
    const response = await GET(get("/api/contacts/export?format=xlsx"));
    expect(response.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    expect(Buffer.from(await response.arrayBuffer()).subarray(0, 2).toString()).toBe("PK");
  });

  test("signed out: 401", async () => {
    signIn(handle.db, null);
    expect((await GET(get("/api/contacts/export"))).status).toBe(401);
  });

  test("a role that cannot export: 403", async () => {
    const a = await workspaceWithContacts();
    signIn(handle.db, a.agent.userId);
    const { status, body } = await json(await GET(get("/api/contacts/export")));
    expect(status).toBe(403);
    expect(body).toEqual({ code: "forbidden", message: "Your role is not allowed to export contacts." });
  });

  test("Contacts Management off: 404", async () => {
    const off = await workspaceWithMembers(handle.db, { contactsEnabled: false });
    signIn(handle.db, off.admin.userId);
    expect((await GET(get("/api/contacts/export"))).status).toBe(404);
  });

  test.each([
    ["format=pdf", "format"],
    ["scope=everyone", "scope"],
    ["scope=selected&ids=1,2", "ids"],
    ["scope=selected&ids=(1001 ids)", "ids"],
    ["columns=(201 columns)", "columns"],
    ["scope=filtered&status=bogus", "status"],
    ["scope=filtered&from=2026-02-30", "from"],
  ])("bad parameters %s: 400 naming %s", async (label, field) => {
    const a = await workspaceWithMembers(handle.db);
    signIn(handle.db, a.admin.userId);
    const query = label
      .replace("(1001 ids)", Array.from({ length: 1001 }, () => crypto.randomUUID()).join(","))
      .replace("(201 columns)", Array.from({ length: 201 }, (_, i) => `c${i}`).join(","));
    const { status, body } = await json(await GET(get(`/api/contacts/export?${query}`)));
    expect(status).toBe(400);
    expect(body).toMatchObject({ code: "invalid", fieldErrors: { [field]: expect.any(String) } });
  });
});
