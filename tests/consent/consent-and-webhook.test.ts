import { eq } from "drizzle-orm";
import type { DatabaseHandle } from "@/db/client";
import { consentEvents, contacts, inboundMessages, workspaces } from "@/db/schema";
import { ROLES } from "@/lib/auth/permissions";
import { updateConsentAction } from "@/lib/consent/actions";
import { consentHistory } from "@/lib/consent/consent";
import { createContactAction } from "@/lib/contacts/actions";
import { contactTimeline } from "@/lib/contacts/timeline";
import { receiveInbound } from "@/lib/inbound/receive";
import { createTestDatabase } from "../support/db";
import { signedInbound } from "../support/inbound";
import { callerFor, createMember, createWorkspace, ctxFor } from "../support/fixtures";

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle.close());

async function setup() {
  const workspace = await createWorkspace(handle.db);
  const agent = await createMember(handle.db, workspace.id, "user", "Uma Agent");
  const caller = callerFor(handle.db, agent.userId);
  const jane = await createContactAction.invoke(caller, { firstName: "Jane", phone: "(201) 555-0123", email: "jane@acme.test" });
  if (!jane.ok) throw new Error(jane.message);
  const [ws] = await handle.db.select().from(workspaces).where(eq(workspaces.id, workspace.id));
  return { workspace: ws, agent, caller, jane: jane.data };
}

async function stored(id: string) {
  const [row] = await handle.db.select().from(contacts).where(eq(contacts.id, id));
  return row;
}

describe("consent", () => {
  test("manual changes move between subscribed and unsubscribed, each an event; not_subscribed is refused", async () => {
    const { caller, agent, jane } = await setup();
    expect(await updateConsentAction.invoke(caller, { contactId: jane.id, channel: "sms", state: "subscribed", note: "Asked on the call" })).toEqual({
      ok: true,
      data: { changed: true },
    });
    expect(await updateConsentAction.invoke(caller, { contactId: jane.id, channel: "sms", state: "subscribed" })).toEqual({ ok: true, data: { changed: false } });
    expect(await updateConsentAction.invoke(caller, { contactId: jane.id, channel: "sms", state: "unsubscribed" })).toMatchObject({ ok: true });
    expect(await updateConsentAction.invoke(caller, { contactId: jane.id, channel: "sms", state: "not_subscribed" })).toMatchObject({
      ok: false,
      fieldErrors: { state: "Consent can only be set to subscribed or unsubscribed." },
    });
    expect((await stored(jane.id)).consentSms).toBe("unsubscribed");
    const history = await consentHistory(await ctxFor(handle.db, agent.userId), jane.id);
    expect(history.map((e) => [e.oldState, e.newState, e.source])).toEqual([
      ["subscribed", "unsubscribed", "manual"],
      ["not_subscribed", "subscribed", "manual"],
    ]);
    expect(history[1].evidence).toEqual({ note: "Asked on the call" });
    expect(history[0].actorLabel).toMatch(/^Uma Agent </);
  });

  test.each(ROLES)("role %s records consent only with edit rights", async (role) => {
    const { workspace, jane } = await setup();
    const member = callerFor(handle.db, (await createMember(handle.db, workspace.id, role)).userId);
    const result = await updateConsentAction.invoke(member, { contactId: jane.id, channel: "email", state: "subscribed" });
    expect(result.ok ? "ok" : result.code).toBe(["developer", "billing", "data_analyst"].includes(role) ? "forbidden" : "ok");
  });

  test("another workspace's contact is 404", async () => {
    const a = await setup();
    const b = await setup();
    expect(await updateConsentAction.invoke(b.caller, { contactId: a.jane.id, channel: "sms", state: "unsubscribed" })).toMatchObject({ code: "not_found" });
    expect((await stored(a.jane.id)).consentSms).toBe("not_subscribed");
  });
});

describe("inbound webhook", () => {
  function post(workspace: { id: string; inboundSecret: string }, message: Record<string, unknown>, sign: "good" | "bad" | "none" = "good") {
    const rawBody = JSON.stringify(message);
    const signed = signedInbound(sign === "bad" ? "ab".repeat(32) : workspace.inboundSecret, rawBody);
    return receiveInbound(handle.db, { workspaceId: workspace.id, ...signed, signature: sign === "none" ? null : signed.signature });
  }

  test("bad or missing signatures are 401 and change nothing", async () => {
    const { workspace, jane } = await setup();
    const message = { channel: "sms", from: "+12015550123", body: "STOP", messageId: "m-1" };
    const refused = { status: 401, error: "Missing or invalid signature (webhook-id, webhook-timestamp, webhook-signature: see docs/webhooks.md)." };
    expect(await post(workspace, message, "bad")).toEqual(refused);
    expect(await post(workspace, message, "none")).toEqual(refused);
    expect(await receiveInbound(handle.db, { workspaceId: null, webhookId: "msg_1", timestamp: "1", signature: "v1,AA==", rawBody: "{}" })).toMatchObject({ status: 401 });
    const other = await setup();
    expect(await receiveInbound(handle.db, { workspaceId: workspace.id, ...signedInbound(other.workspace.inboundSecret, JSON.stringify(message)) })).toMatchObject({ status: 401 });
    expect((await stored(jane.id)).consentSms).toBe("not_subscribed");
    expect(await handle.db.select().from(inboundMessages).where(eq(inboundMessages.workspaceId, workspace.id))).toHaveLength(0);
  });

  test.each(["STOP", "stop", " Stop ", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT"])("%p unsubscribes the sender on that channel", async (body) => {
    const { workspace, jane } = await setup();
    const result = await post(workspace, { channel: "sms", from: "(201) 555-0123", body, messageId: `m-${body.trim()}` });
    expect(result).toEqual({ status: 200, duplicate: false, contactId: jane.id, applied: "unsubscribed" });
    const contact = await stored(jane.id);
    expect([contact.consentSms, contact.consentWhatsapp, contact.consentEmail]).toEqual(["unsubscribed", "not_subscribed", "not_subscribed"]);
    const [event] = await handle.db.select().from(consentEvents).where(eq(consentEvents.contactId, jane.id));
    expect(event).toMatchObject({ source: "keyword", newState: "unsubscribed", evidence: { messageId: `m-${body.trim()}`, body } });
  });

  test.each(["START", "unstop", "Yes"])("%p subscribes the sender again", async (body) => {
    const { workspace, jane } = await setup();
    await post(workspace, { channel: "whatsapp", from: "+12015550123", body: "STOP", messageId: "a" });
    expect(await post(workspace, { channel: "whatsapp", from: "+12015550123", body, messageId: "b" })).toMatchObject({ applied: "subscribed" });
    expect((await stored(jane.id)).consentWhatsapp).toBe("subscribed");
  });

  test("a replayed message id is applied once", async () => {
    const { workspace, jane } = await setup();
    await post(workspace, { channel: "sms", from: "+12015550123", body: "STOP", messageId: "same" });
    await post(workspace, { channel: "sms", from: "+12015550123", body: "START", messageId: "later" });
    expect(await post(workspace, { channel: "sms", from: "+12015550123", body: "STOP", messageId: "same" })).toEqual({
      status: 200,
      duplicate: true,
      contactId: jane.id,
      applied: null,
    });
    expect((await stored(jane.id)).consentSms).toBe("subscribed");
  });

  test("email replies match by address; other messages are recorded as activity only; unknown senders create nothing", async () => {
    const { workspace, jane } = await setup();
    expect(await post(workspace, { channel: "email", from: "JANE@acme.test", body: "unsubscribe", messageId: "e1" })).toMatchObject({ applied: "unsubscribed" });
    expect((await stored(jane.id)).consentEmail).toBe("unsubscribed");
    expect(await post(workspace, { channel: "sms", from: "+12015550123", body: "Please call me tomorrow", messageId: "t1" })).toEqual({
      status: 200,
      duplicate: false,
      contactId: jane.id,
      applied: null,
    });
    expect(await post(workspace, { channel: "sms", from: "+1 212 555 0188", body: "STOP", messageId: "u1" })).toEqual({
      status: 200,
      duplicate: false,
      contactId: null,
      applied: null,
    });
    const [row] = await handle.db.select().from(contacts).where(eq(contacts.phoneE164, "+12125550188"));
    expect(row).toBeUndefined();
    expect(await handle.db.select().from(inboundMessages).where(eq(inboundMessages.workspaceId, workspace.id))).toHaveLength(3);
  });

  test("a malformed but signed body is a 400", async () => {
    const { workspace } = await setup();
    const rawBody = "not json";
    expect(await receiveInbound(handle.db, { workspaceId: workspace.id, ...signedInbound(workspace.inboundSecret, rawBody) })).toMatchObject({ status: 400 });
    expect(await post(workspace, { channel: "pager", from: "x", body: "STOP", messageId: "p" })).toMatchObject({ status: 400 });
  });

  test("a sender in another workspace is not touched", async () => {
    const a = await setup();
    const b = await setup();
    await post(b.workspace, { channel: "sms", from: "+12015550123", body: "STOP", messageId: "x" });
    expect((await stored(a.jane.id)).consentSms).toBe("not_subscribed");
    expect((await stored(b.jane.id)).consentSms).toBe("unsubscribed");
  });

  test("a STOP and the unsubscribe it caused share a timestamp: the timeline shows the change above the message, the same on every load", async () => {
    const { workspace, caller, jane } = await setup();
    await post(workspace, { channel: "sms", from: "+12015550123", body: "STOP", messageId: "order-1" });
    const ctx = await ctxFor(handle.db, caller.userId!);
    const entries = await contactTimeline(ctx, jane.id);
    const [consent, inbound] = [entries.findIndex((e) => e.kind === "consent"), entries.findIndex((e) => e.kind === "inbound")];
    expect(entries[consent].at.getTime()).toBe(entries[inbound].at.getTime());
    expect(consent).toBe(inbound - 1);
    for (let i = 0; i < 5; i++) expect((await contactTimeline(ctx, jane.id)).map((e) => e.id)).toEqual(entries.map((e) => e.id));
  });
});

