jest.mock("@/lib/auth/server-session", () => ({ currentCaller: jest.fn() }));

import { GET } from "@/app/api/imports/template/route";
import type { DatabaseHandle } from "@/db/client";
import { createAttributeAction } from "@/lib/attributes/actions";
import { createTestDatabase } from "../support/db";
import { callerFor } from "../support/fixtures";
import { get, signIn, workspaceWithMembers } from "./support";

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle.close());

const template = () => GET(get("/api/imports/template"));

describe("GET /api/imports/template", () => {
  test("the standard columns plus this workspace's custom attributes, and an example row", async () => {
    const a = await workspaceWithMembers(handle.db);
    const b = await workspaceWithMembers(handle.db);
    await createAttributeAction.invoke(callerFor(handle.db, a.admin.userId), { key: "tier", label: "Tier", type: "text" });
    await createAttributeAction.invoke(callerFor(handle.db, b.admin.userId), { key: "region", label: "Region", type: "text" });
    signIn(handle.db, a.admin.userId);
    const response = await template();
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toBe('attachment; filename="contacts-template.csv"');
    const [header, example] = (await response.text()).replace(/^\uFEFF/, "").trim().split(/\r?\n/);
    expect(header).toMatch(/^First name,Last name,.*,Tier$/);
    expect(header).not.toContain("Region");
    expect(example).toContain("Jane");
  });

  test("signed out: 401", async () => {
    signIn(handle.db, null);
    expect((await template()).status).toBe(401);
  });

  test("a role that cannot import: 403", async () => {
    const a = await workspaceWithMembers(handle.db);
    signIn(handle.db, a.analyst.userId);
    expect((await template()).status).toBe(403);
  });

  test("Contacts Management off: 404", async () => {
    const off = await workspaceWithMembers(handle.db, { contactsEnabled: false });
    signIn(handle.db, off.admin.userId);
    expect((await template()).status).toBe(404);
  });
});
