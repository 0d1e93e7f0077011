import { eq } from "drizzle-orm";
import type { DatabaseHandle } from "@/db/client";
import { contacts, workspaces } from "@/db/schema";
import { setContactStatusAction } from "@/lib/contacts/actions";
import { receiveInbound } from "@/lib/inbound/receive";
import { sendInviteAction } from "@/lib/invites/actions";
import { listSessions } from "@/lib/sessions/list";
import { createTestDatabase } from "../support/db";
import { signedInbound } from "../support/inbound";
import { ctxFor } from "../support/fixtures";
import { acmeAdmin, importFile } from "../import/support";

let handle: DatabaseHandle;
beforeAll(async () => { handle = await createTestDatabase(); });
afterAll(() => handle.close());

async function stop(workspaceId: string) {
  const [ws] = await handle.db.select().from(workspaces).where(eq(workspaces.id, workspaceId));
  const rawBody = JSON.stringify({ channel: "sms", from: "+12015550123", body: "STOP", messageId: "m1" });
  return receiveInbound(handle.db, { workspaceId, ...signedInbound(ws.inboundSecret, rawBody) });
}

// Issue 12 findings, reproduced on fd551d3 (the second case and finding 2 failed there; the default-only case passed: the default never reached existing contacts).
test.each([
  ["default subscribed, no consent column", "Name,Phone\nJane Doe,201-555-0123\n"],
  ["consent column subscribed", "Name,Phone,SMS consent\nJane Doe,201-555-0123,subscribed\n"],
])("finding 1: update-mode import after STOP (%s) keeps SMS unsubscribed", async (_n, file) => {
  const admin = await acmeAdmin(handle.db);
  const ctx = await ctxFor(handle.db, admin.caller.userId!);
  await importFile(ctx, "Name,Phone\nJane Doe,(201) 555-0123\n");
  await stop(admin.workspace.id);
  await importFile(ctx, file, { duplicates: "update", defaultConsent: { sms: "subscribed" } });
  const [jane] = await handle.db.select().from(contacts).where(eq(contacts.workspaceId, admin.workspace.id));
  expect(jane.consentSms).toBe("unsubscribed");
});

test("finding 2: with Contacts Management off, invites to a STOP number and to a blocked contact are refused, and the portal names the contact", async () => {
  const admin = await acmeAdmin(handle.db);
  const ctx = await ctxFor(handle.db, admin.caller.userId!);
  await importFile(ctx, "Name,Phone\nJane Doe,(201) 555-0123\nBob Blocked,(201) 555-0124\n");
  await stop(admin.workspace.id);
  const [bob] = await handle.db.select().from(contacts).where(eq(contacts.phoneE164, "+12015550124"));
  await setContactStatusAction.invoke(admin.caller, { id: bob.id, status: "blocked" });
  await handle.db.update(workspaces).set({ contactsEnabled: false }).where(eq(workspaces.id, admin.workspace.id));
  const results = {
    stop: (await sendInviteAction.invoke(admin.caller, { title: "T", channel: "sms", destination: "2015550123" })).ok,
    blocked: (await sendInviteAction.invoke(admin.caller, { title: "T", channel: "whatsapp", destination: "2015550124" })).ok,
  };
  const fine = await sendInviteAction.invoke(admin.caller, { title: "T", channel: "whatsapp", destination: "2015550123" });
  await handle.db.update(workspaces).set({ contactsEnabled: true }).where(eq(workspaces.id, admin.workspace.id));
  const { rows } = await listSessions(await ctxFor(handle.db, admin.caller.userId!), { page: 1 });
  expect({ ...results, fineOk: fine.ok, portalName: rows[0]?.contactName }).toEqual({ stop: false, blocked: false, fineOk: true, portalName: "Jane Doe" });
});
