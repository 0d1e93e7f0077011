jest.mock("@/lib/auth/server-session", () => ({ currentCaller: jest.fn() }));

import { GET } from "@/app/api/contacts/lookup/route";
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

const LOOKUP = "/api/contacts/lookup?channel=sms&value=201-555-0123";

describe("GET /api/contacts/lookup", () => {
  test("matches the typed number to this workspace's contact only", async () => {
    const a = await workspaceWithMembers(handle.db);
    const b = await workspaceWithMembers(handle.db);
    const jane = await createContactAction.invoke(callerFor(handle.db, a.admin.userId), { firstName: "Jane", phone: "+1 201 555 0123" });
    if (!jane.ok) throw new Error(jane.message);
    signIn(handle.db, a.agent.userId);
    expect(await json(await GET(get(LOOKUP)))).toEqual({
      status: 200,
      body: { ok: true, normalized: "+12015550123", match: { id: jane.data.id, name: "Jane", company: null, refusal: null, allowedChannels: ["sms", "whatsapp"], phone: "(201) 555-0123", email: null } },
    });
    signIn(handle.db, b.agent.userId);
    expect((await json(await GET(get(LOOKUP)))).body).toMatchObject({ ok: true, match: null });
  });

  test("signed out: 401", async () => {
    signIn(handle.db, null);
    expect((await GET(get(LOOKUP))).status).toBe(401);
  });

  test("a role that cannot send invites: 403", async () => {
    const a = await workspaceWithMembers(handle.db);
    signIn(handle.db, a.analyst.userId);
    const { status, body } = await json(await GET(get(LOOKUP)));
    expect(status).toBe(403);
    expect(body).toEqual({ code: "forbidden", message: "Your role is not allowed to send session invites." });
  });

  test("Contacts Management off: 404 (the form falls back to manual entry)", async () => {
    const off = await workspaceWithMembers(handle.db, { contactsEnabled: false });
    signIn(handle.db, off.agent.userId);
    expect((await GET(get(LOOKUP))).status).toBe(404);
  });

  test.each([
    ["channel=fax&value=1", "channel"],
    ["value=2015550123", "channel"],
    ["channel=email&value=(321 characters)", "value"],
  ])("bad parameters %s: 400 naming %s", async (label, field) => {
    const a = await workspaceWithMembers(handle.db);
    signIn(handle.db, a.agent.userId);
    const { status, body } = await json(await GET(get(`/api/contacts/lookup?${label.replace("(321 characters)", "x".repeat(321))}`)));
    expect(status).toBe(400);
    expect(body).toMatchObject({ code: "invalid", fieldErrors: { [field]: expect.any(String) } });
    if (field === "channel") expect(body.message).toBe("Choose SMS, WhatsApp or email.");
  });
});
