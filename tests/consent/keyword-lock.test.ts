import { eq, sql } from "drizzle-orm";
import type { DatabaseHandle } from "@/db/client";
import { contacts, workspaces, type Contact } from "@/db/schema";
import { updateConsentAction } from "@/lib/consent/actions";
import { createContactAction, setContactStatusAction, setFavoriteAction, updateContactAction } from "@/lib/contacts/actions";
import { receiveInbound } from "@/lib/inbound/receive";
import { sendInviteAction } from "@/lib/invites/actions";
import { addToListAction, createListAction } from "@/lib/lists/actions";
import { createTestDatabase } from "../support/db";
import { signedInbound } from "../support/inbound";
import { ctxFor } from "../support/fixtures";
import { acmeAdmin, importFile } from "../import/support";

// A channel unsubscribed by the person's own keyword stays unsubscribed
// whatever any other writer does, and an invite to it on that channel is
// refused, with Contacts Management on and off. Only their START lifts it.

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle.close());

const PHONE = "+12015550123";

async function inbound(workspaceId: string, body: string, messageId: string) {
  const [ws] = await handle.db.select().from(workspaces).where(eq(workspaces.id, workspaceId));
  const rawBody = JSON.stringify({ channel: "sms", from: PHONE, body, messageId });
  return receiveInbound(handle.db, { workspaceId, ...signedInbound(ws.inboundSecret, rawBody) });
}

/** Jane, subscribed to SMS by an earlier import, who then replied STOP. */
async function janeWhoSaidStop() {
  const admin = await acmeAdmin(handle.db);
  const ctx = await ctxFor(handle.db, admin.caller.userId!);
  const first = await importFile(ctx, "Name,Phone,Email,SMS consent\nJane Doe,(201) 555-0123,jane@acme.test,subscribed\n");
  expect(first.run?.result).toMatchObject({ created: 1 });
  const [jane] = await handle.db.select().from(contacts).where(eq(contacts.workspaceId, admin.workspace.id));
  expect(jane).toMatchObject({ consentSms: "subscribed", consentSmsSource: "import" });
  expect(await inbound(admin.workspace.id, "STOP", "stop-1")).toMatchObject({ status: 200, applied: "unsubscribed" });
  return { ...admin, ctx, jane };
}

async function reload(contact: Contact) {
  const [row] = await handle.db.select().from(contacts).where(eq(contacts.id, contact.id));
  return row;
}

type Setup = Awaited<ReturnType<typeof janeWhoSaidStop>>;
const IMPORT_FILES = {
  column: "Name,Phone,SMS consent\nJane Doe,201-555-0123,subscribed\n",
  "column (yes)": "Name,Phone,SMS consent\nJane Doe,201-555-0123,Yes\n",
  "no column": "Name,Phone\nJane Doe,201-555-0123\n",
  "by email": "Name,Email,SMS consent\nJane Doe,JANE@acme.test,opted in\n",
};
const WRITERS: [string, (s: Setup) => Promise<unknown>][] = [
  ["the consent dialog", (s) => updateConsentAction.invoke(s.caller, { contactId: s.jane.id, channel: "sms", state: "subscribed" })],
  ["the contact form (edit)", (s) => updateContactAction.invoke(s.caller, { id: s.jane.id, firstName: "Jane", lastName: "Doe", phone: PHONE, company: "Acme" })],
  ["the contact form (create the same number)", (s) => createContactAction.invoke(s.caller, { firstName: "Jane", phone: "201 555 0123" })],
  ["bulk: block and unblock", async (s) => {
    await setContactStatusAction.invoke(s.caller, { id: s.jane.id, status: "blocked" });
    await setContactStatusAction.invoke(s.caller, { id: s.jane.id, status: "active" });
  }],
  ["bulk: star", (s) => setFavoriteAction.invoke(s.caller, { ids: [s.jane.id], starred: true })],
  ["bulk: add to list", async (s) => {
    const list = await createListAction.invoke(s.caller, { name: "VIP" });
    if (!list.ok) throw new Error(list.message);
    await addToListAction.invoke(s.caller, { ids: [s.jane.id], listId: list.data.id });
  }],
  ["an invite with save as new", (s) => sendInviteAction.invoke(s.caller, { title: "T", channel: "whatsapp", destination: "2015550123", saveAsNew: "on", firstName: "J" })],
  ["an inbound message that is not a keyword", (s) => inbound(s.workspace.id, "yes please call me", "chat-1")],
];
for (const duplicates of ["skip", "update"] as const) {
  for (const missing of ["keep", "clear"] as const) {
    for (const [file, content] of Object.entries(IMPORT_FILES)) {
      for (const sms of [undefined, "subscribed"] as const) {
        WRITERS.push([
          `an import (${duplicates}, missing ${missing}, ${file}, default SMS ${sms ?? "none"})`,
          (s) => importFile(s.ctx, content, { duplicates, missing, defaultConsent: { sms } }),
        ]);
      }
    }
  }
}

test.each(WRITERS)("after %s the keyword opt-out holds and an SMS invite is refused, Contacts Management on or off", async (_name, write) => {
  const setup = await janeWhoSaidStop();
  await write(setup);
  const jane = await reload(setup.jane);
  expect([jane.consentSms, jane.consentSmsSource]).toEqual(["unsubscribed", "keyword"]);
  for (const contactsEnabled of [true, false]) {
    await handle.db.update(workspaces).set({ contactsEnabled }).where(eq(workspaces.id, setup.workspace.id));
    const invite = await sendInviteAction.invoke(setup.caller, { title: "Router setup", channel: "sms", destination: "201 555 0123" });
    expect(invite).toMatchObject({ ok: false, fieldErrors: { destination: expect.stringMatching(/^Jane Doe unsubscribed from SMS\. Replied STOP on \w{3} \d+, \d{4}; only a START from this number re-subscribes SMS\.$/) } });
  }
});

test("the dialog says why; an import in update mode reports the row as kept", async () => {
  const setup = await janeWhoSaidStop();
  const dialog = await updateConsentAction.invoke(setup.caller, { contactId: setup.jane.id, channel: "sms", state: "subscribed" });
  expect(dialog).toMatchObject({ ok: false, fieldErrors: { state: expect.stringMatching(/^Replied STOP on .+; only a START from this number re-subscribes SMS\.$/) } });
  const run = await importFile(setup.ctx, IMPORT_FILES.column, { duplicates: "update" });
  expect(run.run?.result).toMatchObject({ keptUnsubscribed: 1, failed: 0 });
  const errors = await handle.db.execute(sql`SELECT row_number, reason FROM import_errors WHERE workspace_id = ${setup.workspace.id}`);
  expect((errors as unknown as { rows: unknown[] }).rows).toEqual([{ row_number: 2, reason: "kept unsubscribed: opted out by keyword (SMS)" }]);
});

test("only the person's own START re-subscribes; then the others may change it again", async () => {
  const setup = await janeWhoSaidStop();
  expect(await inbound(setup.workspace.id, "START", "start-1")).toMatchObject({ applied: "subscribed" });
  expect(await reload(setup.jane)).toMatchObject({ consentSms: "subscribed", consentSmsSource: "keyword" });
  expect(await updateConsentAction.invoke(setup.caller, { contactId: setup.jane.id, channel: "sms", state: "unsubscribed" })).toMatchObject({ ok: true });
  expect(await updateConsentAction.invoke(setup.caller, { contactId: setup.jane.id, channel: "sms", state: "subscribed" })).toMatchObject({ ok: true });
  expect(await reload(setup.jane)).toMatchObject({ consentSms: "subscribed", consentSmsSource: "manual" });
});

/** What the database said: every message and constraint name down drizzle's cause chain. */
async function refusal(statement: Promise<unknown>): Promise<string> {
  try {
    await statement;
  } catch (error) {
    const said: string[] = [];
    for (let e: unknown = error; e && typeof e === "object"; e = (e as { cause?: unknown }).cause) {
      const { message, constraint } = e as { message?: string; constraint?: string };
      said.push(String(message), String(constraint));
    }
    return said.join(" | ");
  }
  return "accepted";
}

describe("the database holds the rule for a writer that skips the module", () => {
  test("re-subscribing a keyword opt-out fails, whatever source it claims but keyword", async () => {
    const { jane } = await janeWhoSaidStop();
    for (const source of ["manual", "import", "api", "invite"]) {
      expect(
        await refusal(
          handle.db.execute(sql`UPDATE contacts SET consent_sms = 'subscribed', consent_sms_source = ${source}::consent_source, consent_sms_changed_at = clock_timestamp() WHERE id = ${jane.id}`),
        ),
      ).toMatch(/consent_sms was withdrawn by keyword.*contacts_consent_sms_keyword_lock/);
    }
    // Nor may a writer re-label the opt-out as its own, which would unlock it.
    expect(
      await refusal(handle.db.execute(sql`UPDATE contacts SET consent_sms_source = 'manual', consent_sms_changed_at = clock_timestamp() WHERE id = ${jane.id}`)),
    ).toMatch(/withdrawn by keyword/);
    expect(await reload(jane)).toMatchObject({ consentSms: "unsubscribed", consentSmsSource: "keyword" });
  });

  test("a consent change that records no source and time fails", async () => {
    const { jane } = await janeWhoSaidStop();
    expect(await refusal(handle.db.execute(sql`UPDATE contacts SET consent_email = 'subscribed' WHERE id = ${jane.id}`))).toMatch(
      /consent_email changed without recording its source and time/,
    );
    expect(await refusal(handle.db.execute(sql`UPDATE contacts SET consent_sms = 'subscribed' WHERE id = ${jane.id}`))).toMatch(/without recording its source/);
    expect(
      await refusal(
        handle.db.execute(sql`INSERT INTO contacts (workspace_id, display_name, email, consent_email) VALUES (${jane.workspaceId}, 'X', 'x@x.test', 'subscribed')`),
      ),
    ).toMatch(/contacts_consent_email_recorded/);
  });
});
