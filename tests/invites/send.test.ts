import { and, count, eq } from "drizzle-orm";
import type { DatabaseHandle } from "@/db/client";
import { contacts, invites, outbox, sessions, workspaces } from "@/db/schema";
import { ROLES } from "@/lib/auth/permissions";
import { updateConsentAction } from "@/lib/consent/actions";
import { createContactAction, setContactStatusAction } from "@/lib/contacts/actions";
import { sendInviteAction } from "@/lib/invites/actions";
import { searchForPicker } from "@/lib/contacts/picker";
import { lookupDestination } from "@/lib/invites/lookup";
import { listSessions } from "@/lib/sessions/list";
import { sessionReportStream } from "@/lib/sessions/report";
import { createTestDatabase } from "../support/db";
import { callerFor, createMember, createWorkspace, ctxFor } from "../support/fixtures";

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle.close());

async function setup(values: { contactLimit?: number } = {}) {
  const workspace = await createWorkspace(handle.db, { name: "Acme Support", ...values });
  const agent = await createMember(handle.db, workspace.id, "user", "Uma Agent");
  const caller = callerFor(handle.db, agent.userId);
  const jane = await createContactAction.invoke(caller, { firstName: "Jane", lastName: "Doe", company: "Acme", phone: "(201) 555-0123", email: "jane@acme.test" });
  if (!jane.ok) throw new Error(jane.message);
  return { workspace, agent, caller, jane: jane.data };
}

const invite = (patch: Record<string, unknown>) => ({ title: "Router setup", channel: "sms", destination: "", ...patch });

async function contactsIn(workspaceId: string) {
  const [row] = await handle.db.select({ n: count() }).from(contacts).where(eq(contacts.workspaceId, workspaceId));
  return row.n;
}

test.each(["201.555.0123", "+1 201 555 0123", "1 (201) 555-0123", "011 1 201 555 0123"])(
  "a typed number (%s) matches the existing contact: linked, counted, no duplicate",
  async (typed) => {
    const { workspace, caller, jane } = await setup();
    const ctx = await ctxFor(handle.db, caller.userId!);
    expect(await lookupDestination(ctx, "sms", typed)).toEqual({
      ok: true,
      normalized: "+12015550123",
      match: { id: jane.id, name: "Jane Doe", company: "Acme", refusal: null, allowedChannels: ["sms", "whatsapp", "email"], phone: "(201) 555-0123", email: "jane@acme.test" },
    });
    const sent = await sendInviteAction.invoke(caller, invite({ destination: typed, saveAsNew: "on", firstName: "Someone" }));
    expect(sent).toMatchObject({ ok: true, data: { contact: { id: jane.id, name: "Jane Doe" }, contactCreated: false } });
    expect(await contactsIn(workspace.id)).toBe(1);
    const [stored] = await handle.db.select().from(contacts).where(eq(contacts.id, jane.id));
    expect(stored.sessionCount).toBe(1);
    expect(stored.lastActivityAt).not.toBeNull();
  },
);

test("sending records session, invite and outbox message together", async () => {
  const { workspace, caller } = await setup();
  const sent = await sendInviteAction.invoke(caller, invite({ destination: "201 555 0123", reference: "T-42" }));
  if (!sent.ok) throw new Error(sent.message);
  const [session] = await handle.db.select().from(sessions).where(eq(sessions.id, sent.data.sessionId));
  expect(session).toMatchObject({ title: "Router setup", reference: "T-42", agentName: "Uma Agent" });
  const [row] = await handle.db.select().from(invites).where(eq(invites.id, sent.data.inviteId));
  expect(row).toMatchObject({ channel: "sms", destination: "+12015550123", contactName: "Jane Doe", status: "sent" });
  const [message] = await handle.db.select().from(outbox).where(eq(outbox.inviteId, sent.data.inviteId));
  expect(message).toMatchObject({ workspaceId: workspace.id, channel: "sms", recipient: "+12015550123", subject: null });
  expect(message.body).toContain("Acme Support: Uma Agent invites you to a video session, “Router setup”.");
  expect(message.body).toMatch(/\/join\/[A-Za-z0-9_-]{8}$/);
});

test("an unknown number: sent without a contact, or saved as a new contact when asked", async () => {
  const { workspace, caller } = await setup();
  const plain = await sendInviteAction.invoke(caller, invite({ destination: "+44 20 7946 0958" }));
  expect(plain).toMatchObject({ ok: true, data: { contact: null, contactCreated: false } });
  expect(await contactsIn(workspace.id)).toBe(1);
  const missingName = await sendInviteAction.invoke(caller, invite({ destination: "+44 20 7946 0958", saveAsNew: "on" }));
  expect(missingName).toMatchObject({ ok: false, fieldErrors: { firstName: "Enter a name." } });
  const saved = await sendInviteAction.invoke(caller, invite({ destination: "+44 20 7946 0958", saveAsNew: "on", firstName: "John", lastName: "Smith", company: "Globex" }));
  expect(saved).toMatchObject({ ok: true, data: { contact: { name: "John Smith" }, contactCreated: true } });
  const [john] = await handle.db.select().from(contacts).where(and(eq(contacts.workspaceId, workspace.id), eq(contacts.phoneE164, "+442079460958")));
  expect(john).toMatchObject({ company: "Globex", source: "invite", phoneCountry: "GB", preferredChannel: "sms", sessionCount: 1 });
  const [ws] = await handle.db.select().from(workspaces).where(eq(workspaces.id, workspace.id));
  expect(ws.contactCount).toBe(2);
});

test("two agents saving the same new number at once yield one contact and two sessions", async () => {
  const { workspace, caller } = await setup();
  const other = callerFor(handle.db, (await createMember(handle.db, workspace.id, "user", "Second Agent")).userId);
  const results = await Promise.all([
    sendInviteAction.invoke(caller, invite({ destination: "(212) 555-0188", saveAsNew: "on", firstName: "Ann" })),
    sendInviteAction.invoke(other, invite({ destination: "212-555-0188", saveAsNew: "on", firstName: "Annie" })),
  ]);
  expect(results.every((r) => r.ok)).toBe(true);
  expect(await contactsIn(workspace.id)).toBe(2);
  const [ann] = await handle.db.select().from(contacts).where(and(eq(contacts.workspaceId, workspace.id), eq(contacts.phoneE164, "+12125550188")));
  expect(ann.sessionCount).toBe(2);
  const [ws] = await handle.db.select().from(workspaces).where(eq(workspaces.id, workspace.id));
  expect(ws.contactCount).toBe(2);
});

test("blocked and unsubscribed contacts are refused with a clear message; not_subscribed and subscribed are fine", async () => {
  const { caller, jane } = await setup();
  await setContactStatusAction.invoke(caller, { id: jane.id, status: "blocked" });
  expect(await sendInviteAction.invoke(caller, invite({ destination: "2015550123" }))).toMatchObject({
    ok: false,
    fieldErrors: { destination: "Jane Doe is blocked and cannot be invited. Unblock the contact first." },
  });
  await setContactStatusAction.invoke(caller, { id: jane.id, status: "active" });
  await updateConsentAction.invoke(caller, { contactId: jane.id, channel: "sms", state: "unsubscribed" });
  expect(await sendInviteAction.invoke(caller, invite({ destination: "2015550123" }))).toMatchObject({
    ok: false,
    fieldErrors: { destination: expect.stringMatching(/^Jane Doe unsubscribed from SMS/) },
  });
  // Other channels are unaffected; subscribing again allows SMS.
  expect((await sendInviteAction.invoke(caller, invite({ channel: "email", destination: "JANE@acme.test" }))).ok).toBe(true);
  await updateConsentAction.invoke(caller, { contactId: jane.id, channel: "sms", state: "subscribed" });
  expect((await sendInviteAction.invoke(caller, invite({ destination: "2015550123" }))).ok).toBe(true);
  const [stored] = await handle.db.select().from(contacts).where(eq(contacts.id, jane.id));
  expect(stored.sessionCount).toBe(2);
});

test("the lookup warns before Send with Send's own refusal, and names the channels still allowed; the picker marks unsubscribed channels", async () => {
  const { caller, jane } = await setup();
  const ctx = await ctxFor(handle.db, caller.userId!);
  await updateConsentAction.invoke(caller, { contactId: jane.id, channel: "sms", state: "unsubscribed" });
  const sms = await lookupDestination(ctx, "sms", "2015550123");
  const refused = await sendInviteAction.invoke(caller, invite({ destination: "2015550123" }));
  expect(refused.ok).toBe(false);
  expect(sms).toMatchObject({ ok: true, match: { id: jane.id, refusal: refused.ok ? null : refused.fieldErrors?.destination, allowedChannels: ["whatsapp", "email"] } });
  expect(await lookupDestination(ctx, "whatsapp", "2015550123")).toMatchObject({ match: { refusal: null } });
  const [picked] = await searchForPicker(ctx, "Jane", 5);
  expect(picked).toMatchObject({ id: jane.id, unsubscribed: ["sms"], allowedChannels: ["whatsapp", "email"] });

  await setContactStatusAction.invoke(caller, { id: jane.id, status: "blocked" });
  expect(await lookupDestination(ctx, "email", "jane@acme.test")).toMatchObject({
    match: { refusal: "Jane Doe is blocked and cannot be invited. Unblock the contact first.", allowedChannels: [] },
  });
  expect((await searchForPicker(ctx, "Jane", 5))[0]).toMatchObject({ status: "blocked", allowedChannels: [] });
});

test.each([
  [{ destination: "555-0100" }, "destination", "This phone number is too short."],
  [{ destination: "" }, "destination", "Enter the phone number to send the invite to."],
  [{ channel: "email", destination: "jane@" }, "destination", "Enter a valid email address, like name@example.com."],
  [{ title: " " }, "title", "Enter a session title."],
  [{ channel: "fax", destination: "x" }, "channel", "Choose SMS, WhatsApp or email."],
])("bad input %#: a message on %s and nothing written", async (patch, field, message) => {
  const { workspace, caller } = await setup();
  const result = await sendInviteAction.invoke(caller, invite({ destination: "2015550123", ...patch }));
  expect(result).toMatchObject({ ok: false, fieldErrors: { [field]: message } });
  expect(await handle.db.select().from(sessions).where(eq(sessions.workspaceId, workspace.id))).toHaveLength(0);
});

test("another workspace's contact cannot be picked (404); its number is just a new recipient here", async () => {
  const a = await setup();
  const b = await setup();
  expect(await sendInviteAction.invoke(b.caller, invite({ destination: "2015550123", contactId: a.jane.id }))).toMatchObject({ code: "not_found" });
  const sent = await sendInviteAction.invoke(b.caller, invite({ destination: "2015550123" }));
  expect(sent).toMatchObject({ ok: true, data: { contact: { id: b.jane.id } } });
  const [aJane] = await handle.db.select().from(contacts).where(eq(contacts.id, a.jane.id));
  expect(aJane.sessionCount).toBe(0);
});

test("Contacts Management off: manual entry works, no saving, and the recipient is still the contact (name in the portal, activity counted)", async () => {
  const { workspace, caller, jane, agent } = await setup();
  await handle.db.update(workspaces).set({ contactsEnabled: false }).where(eq(workspaces.id, workspace.id));
  const sent = await sendInviteAction.invoke(caller, invite({ destination: "2015550123", contactId: jane.id, saveAsNew: "on", firstName: "X" }));
  expect(sent).toMatchObject({ ok: true, data: { contact: { id: jane.id, name: "Jane Doe" }, contactCreated: false } });
  const unknown = await sendInviteAction.invoke(caller, invite({ destination: "+44 20 7946 0958", saveAsNew: "on", firstName: "X" }));
  expect(unknown).toMatchObject({ ok: true, data: { contact: null, contactCreated: false } });
  expect(await contactsIn(workspace.id)).toBe(1);
  const [stored] = await handle.db.select().from(contacts).where(eq(contacts.id, jane.id));
  expect(stored.sessionCount).toBe(1);
  // Switched back on, the portal names the contact the invite went to.
  await handle.db.update(workspaces).set({ contactsEnabled: true }).where(eq(workspaces.id, workspace.id));
  const { rows } = await listSessions(await ctxFor(handle.db, agent.userId), { page: 1 });
  expect(rows.map((r) => r.contactName)).toEqual([null, "Jane Doe"]);
});

test.each(ROLES)("role %s sends invites only if §1 allows it", async (role) => {
  const workspace = await createWorkspace(handle.db);
  const member = await createMember(handle.db, workspace.id, role);
  const result = await sendInviteAction.invoke(callerFor(handle.db, member.userId), invite({ destination: "2015550123" }));
  expect(result.ok ? "ok" : result.code).toBe(["developer", "billing", "data_analyst"].includes(role) ? "forbidden" : "ok");
});

test("the Agent Portal and the report show the contact name beside the destination", async () => {
  const { caller, agent } = await setup();
  await sendInviteAction.invoke(caller, invite({ destination: "201 555 0123", title: "First" }));
  await sendInviteAction.invoke(caller, invite({ destination: "+44 20 7946 0958", title: "=HYPERLINK(\"x\")" }));
  const ctx = await ctxFor(handle.db, agent.userId);
  const { rows, total } = await listSessions(ctx, { page: 1 });
  expect(total).toBe(2);
  expect(rows.map((r) => [r.title, r.destination, r.contactName])).toEqual([
    ["=HYPERLINK(\"x\")", "+442079460958", null],
    ["First", "+12015550123", "Jane Doe"],
  ]);
  expect((await listSessions(ctx, { page: 1, channel: "email" })).total).toBe(0);
  const csv = await new Response(sessionReportStream(ctx, {})).text();
  const lines = csv.replace(/^\uFEFF/, "").trim().split("\n");
  expect(lines[0]).toBe("Sent at (UTC),Session,Reference,Agent,Channel,Destination,Contact name");
  expect(lines[1]).toContain(`"'=HYPERLINK(""x"")"`);
  expect(lines[1]).toContain("+44 20 7946 0958");
  expect(lines[2]).toMatch(/,First,,Uma Agent,sms,\(201\) 555-0123,Jane Doe$/);
});
