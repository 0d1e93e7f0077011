jest.mock("@/lib/auth/server-session", () => ({ currentCaller: jest.fn() }));

import { GET } from "@/app/api/contacts/search/route";
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

describe("GET /api/contacts/search", () => {
  test("finds this workspace's contacts, never another's", async () => {
    const a = await workspaceWithMembers(handle.db);
    const b = await workspaceWithMembers(handle.db);
    await createContactAction.invoke(callerFor(handle.db, a.admin.userId), { firstName: "Jane", lastName: "Doe", phone: "+1 201 555 0123" });
    await createContactAction.invoke(callerFor(handle.db, b.admin.userId), { firstName: "Jane", lastName: "Other", phone: "+1 201 555 0199" });
    signIn(handle.db, a.analyst.userId);
    const { status, body } = await json(await GET(get("/api/contacts/search?q=jane&limit=5")));
    expect(status).toBe(200);
    expect(body.contacts).toEqual([expect.objectContaining({ name: "Jane Doe", phone: expect.any(String) })]);
  });

  test("signed out: 401", async () => {
    signIn(handle.db, null);
    const { status, body } = await json(await GET(get("/api/contacts/search?q=jane")));
    expect(status).toBe(401);
    expect(body).toEqual({ code: "unauthenticated", message: expect.stringMatching(/sign in/i) });
  });

  test("a user who is no member of any workspace: 401", async () => {
    signIn(handle.db, crypto.randomUUID());
    expect((await GET(get("/api/contacts/search"))).status).toBe(401);
  });

  // Every role may view contacts, so there is no role to refuse with 403.
  test("Contacts Management off: 404, even for an administrator", async () => {
    const off = await workspaceWithMembers(handle.db, { contactsEnabled: false });
    signIn(handle.db, off.admin.userId);
    expect((await GET(get("/api/contacts/search?q=jane"))).status).toBe(404);
  });

  test.each([
    ["limit=0", "limit"],
    ["limit=51", "limit"],
    ["limit=ten", "limit"],
    ["limit=2.5", "limit"],
    ["q=(201 characters)", "q"],
  ])("bad parameter %s: 400 naming %s", async (label, field) => {
    const query = label.replace("(201 characters)", "x".repeat(201));
    const a = await workspaceWithMembers(handle.db);
    signIn(handle.db, a.agent.userId);
    const { status, body } = await json(await GET(get(`/api/contacts/search?${query}`)));
    expect(status).toBe(400);
    expect(body).toMatchObject({ code: "invalid", fieldErrors: { [field]: expect.any(String) } });
  });
});
