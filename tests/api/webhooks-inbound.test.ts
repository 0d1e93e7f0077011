jest.mock("@/lib/auth/server-session", () => ({ currentCaller: jest.fn() }));
// A webhook has no session: the route takes the database straight from getDb.
jest.mock("@/db/client", () => ({ ...jest.requireActual("@/db/client"), getDb: jest.fn() }));

import { eq } from "drizzle-orm";
import { POST } from "@/app/api/webhooks/inbound/route";
import { getDb, type DatabaseHandle } from "@/db/client";
import { contacts, inboundMessages } from "@/db/schema";
import { currentCaller } from "@/lib/auth/server-session";
import { createContactAction } from "@/lib/contacts/actions";
import { signBody } from "@/lib/inbound/receive";
import { createTestDatabase } from "../support/db";
import { callerFor } from "../support/fixtures";
import { json, post, workspaceWithMembers } from "./support";

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
  jest.mocked(getDb).mockResolvedValue(handle.db);
});
afterAll(() => handle.close());

async function setup() {
  const { workspace, admin } = await workspaceWithMembers(handle.db);
  const jane = await createContactAction.invoke(callerFor(handle.db, admin.userId), { firstName: "Jane", phone: "+1 201 555 0123" });
  if (!jane.ok) throw new Error(jane.message);
  return { workspace, jane: jane.data };
}

function deliver(workspace: { id: string; inboundSecret: string }, body: string, headers: Record<string, string> = {}) {
  return POST(post("/api/webhooks/inbound", body, { "content-type": "application/json", "x-switchboard-workspace": workspace.id, "x-switchboard-signature": signBody(workspace.inboundSecret, body), ...headers }));
}

const stop = (messageId: string) => JSON.stringify({ channel: "sms", from: "+12015550123", body: "STOP", messageId });

async function messagesIn(workspaceId: string) {
  return handle.db.select().from(inboundMessages).where(eq(inboundMessages.workspaceId, workspaceId));
}

describe("POST /api/webhooks/inbound", () => {
  test("a signed STOP unsubscribes the sender, once; no session is read", async () => {
    const { workspace, jane } = await setup();
    expect(await json(await deliver(workspace, stop("m-1")))).toEqual({ status: 200, body: { duplicate: false, contactId: jane.id, applied: "unsubscribed" } });
    expect(await json(await deliver(workspace, stop("m-1")))).toEqual({ status: 200, body: { duplicate: true, contactId: jane.id, applied: null } });
    const [stored] = await handle.db.select().from(contacts).where(eq(contacts.id, jane.id));
    expect(stored.consentSms).toBe("unsubscribed");
    expect(currentCaller).not.toHaveBeenCalled();
  });

  test("no Origin check: a provider is not a browser, the signature is what counts", async () => {
    const { workspace } = await setup();
    expect((await deliver(workspace, stop("m-2"), { origin: "https://provider.example" })).status).toBe(200);
  });

  test.each([
    ["no signature", { "x-switchboard-signature": "" }],
    ["a wrong signature", { "x-switchboard-signature": "sha256=00" }],
    ["no workspace", { "x-switchboard-workspace": "" }],
    ["an unknown workspace", { "x-switchboard-workspace": "00000000-0000-4000-8000-000000000000" }],
  ])("%s: 401, nothing recorded", async (_label, headers) => {
    const { workspace } = await setup();
    expect(await json(await deliver(workspace, stop("m-3"), headers))).toEqual({ status: 401, body: { code: "unauthenticated", message: "Missing or invalid signature." } });
    expect(await messagesIn(workspace.id)).toHaveLength(0);
  });

  test.each([
    ["not JSON", "STOP"],
    ["not the message shape", JSON.stringify({ channel: "fax", from: "+12015550123", body: "STOP", messageId: "m-4" })],
  ])("signed, but %s: 400, nothing recorded", async (_label, body) => {
    const { workspace } = await setup();
    const { status, body: answer } = await json(await deliver(workspace, body));
    expect(status).toBe(400);
    expect(answer).toMatchObject({ code: "invalid", message: expect.any(String) });
    expect(await messagesIn(workspace.id)).toHaveLength(0);
  });

  test("a body over 64 KB: 413, declared or not", async () => {
    const { workspace } = await setup();
    const big = JSON.stringify({ channel: "sms", from: "+12015550123", body: "x".repeat(70_000), messageId: "m-5" });
    const signed = { "x-switchboard-workspace": workspace.id, "x-switchboard-signature": signBody(workspace.inboundSecret, big) };
    for (const request of [post("/api/webhooks/inbound", big, signed), post("/api/webhooks/inbound", stop("m-5"), { ...signed, "content-length": "70000" })]) {
      expect(await json(await POST(request))).toEqual({ status: 413, body: { code: "too_large", message: "The request body is larger than 64 KB." } });
    }
    expect(await messagesIn(workspace.id)).toHaveLength(0);
  });
});
