jest.mock("@/lib/auth/server-session", () => ({ currentCaller: jest.fn() }));
// A webhook has no session: the route takes the database straight from getDb.
jest.mock("@/db/client", () => ({ ...jest.requireActual("@/db/client"), getDb: jest.fn() }));

import crypto from "node:crypto";
import { eq } from "drizzle-orm";
import { POST } from "@/app/api/webhooks/inbound/route";
import { getDb, type DatabaseHandle } from "@/db/client";
import { contacts, inboundMessages } from "@/db/schema";
import { currentCaller } from "@/lib/auth/server-session";
import { createContactAction } from "@/lib/contacts/actions";
import { displaySecret } from "@/lib/inbound/signature";
import { createTestDatabase } from "../support/db";
import { callerFor } from "../support/fixtures";
import { signedInbound } from "../support/inbound";
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

/** The headers of a delivery signed as docs/webhooks.md says. */
function signedHeaders(workspace: { id: string; inboundSecret: string }, body: string, at: { webhookId?: string; timestamp?: string } = {}) {
  const signed = signedInbound(workspace.inboundSecret, body, at);
  return {
    "content-type": "application/json",
    "x-switchboard-workspace": workspace.id,
    "webhook-id": signed.webhookId,
    "webhook-timestamp": signed.timestamp,
    "webhook-signature": signed.signature,
  };
}

function deliver(workspace: { id: string; inboundSecret: string }, body: string, headers: Record<string, string> = {}) {
  return POST(post("/api/webhooks/inbound", body, { ...signedHeaders(workspace, body), ...headers }));
}

const stop = (messageId: string) => JSON.stringify({ channel: "sms", from: "+12015550123", body: "STOP", messageId });
const now = () => Math.floor(Date.now() / 1000);
const UNAUTHORIZED = { status: 401, body: { code: "unauthenticated", message: "Missing or invalid signature (webhook-id, webhook-timestamp, webhook-signature: see docs/webhooks.md)." } };

async function messagesIn(workspaceId: string) {
  return handle.db.select().from(inboundMessages).where(eq(inboundMessages.workspaceId, workspaceId));
}

/** A body of `total` bytes that counts what the server pulls from it, `chunk` bytes at a time. */
function countedBody(total: number, chunk = 16 * 1024) {
  const counter = { pulled: 0 };
  const piece = new Uint8Array(chunk).fill(0x61);
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (counter.pulled >= total) return controller.close();
      counter.pulled += piece.length;
      controller.enqueue(piece);
    },
  // Nothing queued ahead: every byte counted was asked for by the server.
  }, { highWaterMark: 0 });
  return { stream, counter };
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
    ["no signature", { "webhook-signature": "" }],
    ["a wrong signature", { "webhook-signature": "v1,AAAA" }],
    ["no webhook-id", { "webhook-id": "" }],
    ["no timestamp", { "webhook-timestamp": "" }],
    ["another webhook-id than was signed", { "webhook-id": "msg_other" }],
    ["another timestamp than was signed", { "webhook-timestamp": String(now() - 1) }],
    ["no workspace", { "x-switchboard-workspace": "" }],
    ["an unknown workspace", { "x-switchboard-workspace": "00000000-0000-4000-8000-000000000000" }],
  ])("%s: 401, nothing recorded", async (_label, headers) => {
    const { workspace } = await setup();
    expect(await json(await deliver(workspace, stop("m-3"), headers))).toEqual(UNAUTHORIZED);
    expect(await messagesIn(workspace.id)).toHaveLength(0);
  });

  test("the old scheme (X-Switchboard-Signature: sha256= HMAC of the body alone, which a captured request replays forever) is refused", async () => {
    const { workspace } = await setup();
    const body = stop("m-old");
    const old = `sha256=${crypto.createHmac("sha256", workspace.inboundSecret).update(body).digest("hex")}`;
    const response = await POST(post("/api/webhooks/inbound", body, { "content-type": "application/json", "x-switchboard-workspace": workspace.id, "x-switchboard-signature": old }));
    expect(await json(response)).toEqual(UNAUTHORIZED);
    expect(await messagesIn(workspace.id)).toHaveLength(0);
  });

  test.each([
    ["6 minutes old", -360],
    ["6 minutes ahead", 360],
  ])("a correctly signed message whose timestamp is %s: 401 naming the clock, nothing recorded", async (_label, offset) => {
    const { workspace } = await setup();
    const body = stop("m-late");
    const response = await POST(post("/api/webhooks/inbound", body, signedHeaders(workspace, body, { timestamp: String(now() + offset) })));
    expect(await json(response)).toEqual({ status: 401, body: { code: "unauthenticated", message: "The webhook-timestamp is more than 5 minutes from the server's time: check the sender's clock." } });
    expect(await messagesIn(workspace.id)).toHaveLength(0);
  });

  test("within the 5-minute window a timestamp may be off (clocks differ); a replay inside it is caught by the message id", async () => {
    const { workspace, jane } = await setup();
    const body = stop("m-window");
    const headers = signedHeaders(workspace, body, { timestamp: String(now() - 240) });
    expect(await json(await POST(post("/api/webhooks/inbound", body, headers)))).toEqual({ status: 200, body: { duplicate: false, contactId: jane.id, applied: "unsubscribed" } });
    expect(await json(await POST(post("/api/webhooks/inbound", body, headers)))).toEqual({ status: 200, body: { duplicate: true, contactId: jane.id, applied: null } });
  });

  test("Standard Webhooks as any of its libraries sign: key from the whsec_ secret shown in settings, base64 HMAC of id.timestamp.body, several signatures allowed", async () => {
    const { workspace, jane } = await setup();
    const shown = displaySecret(workspace.inboundSecret);
    expect(shown).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const body = stop("m-std");
    const id = "msg_2KWPBgLlAfxdpx2AI54pPJ85f4W";
    const timestamp = String(now());
    const key = Buffer.from(shown.slice("whsec_".length), "base64");
    const signature = crypto.createHmac("sha256", key).update(`${id}.${timestamp}.${body}`).digest("base64");
    const headers = { "content-type": "application/json", "x-switchboard-workspace": workspace.id, "webhook-id": id, "webhook-timestamp": timestamp, "webhook-signature": `v1,${"A".repeat(44)} v1,${signature}` };
    expect(await json(await POST(post("/api/webhooks/inbound", body, headers)))).toEqual({ status: 200, body: { duplicate: false, contactId: jane.id, applied: "unsubscribed" } });
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

  describe("the 64 KB limit holds while the body streams, in bytes", () => {
    const TOO_LARGE = { status: 413, body: { code: "too_large", message: "The request body is larger than 64 KB." } };

    test("a body over 64 KB: 413, declared or not", async () => {
      const { workspace } = await setup();
      const big = JSON.stringify({ channel: "sms", from: "+12015550123", body: "x".repeat(70_000), messageId: "m-5" });
      for (const request of [post("/api/webhooks/inbound", big, signedHeaders(workspace, big)), post("/api/webhooks/inbound", stop("m-5"), { ...signedHeaders(workspace, stop("m-5")), "content-length": "70000" })]) {
        expect(await json(await POST(request))).toEqual(TOO_LARGE);
      }
      expect(await messagesIn(workspace.id)).toHaveLength(0);
    });

    test("a 300 MB body with no Content-Length (the finding: the server grew by 0.9 GB): refused after reading at most 64 KB and a chunk", async () => {
      const { workspace } = await setup();
      const { stream, counter } = countedBody(300 * 1024 * 1024);
      const headers = { ...signedHeaders(workspace, "{}") };
      expect(await json(await POST(post("/api/webhooks/inbound", stream, headers)))).toEqual(TOO_LARGE);
      expect(counter.pulled).toBeLessThanOrEqual(64 * 1024 + 16 * 1024);
    });

    test("a declared 300 MB body: refused before one byte is read", async () => {
      const { workspace } = await setup();
      const { stream, counter } = countedBody(300 * 1024 * 1024);
      const response = await POST(post("/api/webhooks/inbound", stream, { ...signedHeaders(workspace, "{}"), "content-length": String(300 * 1024 * 1024) }));
      expect(await json(response)).toEqual(TOO_LARGE);
      expect(counter.pulled).toBe(0);
    });

    test("bytes, not characters: 40,000 × “é” is 80,000 bytes (under 64 K characters) and is refused", async () => {
      const { workspace } = await setup();
      const body = JSON.stringify({ channel: "sms", from: "+12015550123", body: "é".repeat(40_000), messageId: "m-6" });
      expect(body.length).toBeLessThan(64 * 1024);
      expect(await json(await POST(post("/api/webhooks/inbound", body, signedHeaders(workspace, body))))).toEqual(TOO_LARGE);
      expect(await messagesIn(workspace.id)).toHaveLength(0);
    });
  });
});
