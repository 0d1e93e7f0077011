import { and, count, eq } from "drizzle-orm";
import type { DatabaseHandle } from "@/db/client";
import { auditLog, contacts, favorites, workspaces } from "@/db/schema";
import { createContactAction, setContactStatusAction, updateContactAction } from "@/lib/contacts/actions";
import { LIMIT_REACHED } from "@/lib/contacts/limit";
import { createTestDatabase } from "../support/db";
import { auditCount, callerFor, createMember, createWorkspace } from "../support/fixtures";

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle.close());

async function workspaceWithAgent(values: { contactLimit?: number; defaultCountry?: string } = {}) {
  const workspace = await createWorkspace(handle.db, values);
  const agent = await createMember(handle.db, workspace.id, "user", "Agent Smith");
  return { workspace, agent, caller: callerFor(handle.db, agent.userId) };
}

async function contactCount(workspaceId: string) {
  const [row] = await handle.db.select({ n: count() }).from(contacts).where(eq(contacts.workspaceId, workspaceId));
  const [ws] = await handle.db.select({ counter: workspaces.contactCount }).from(workspaces).where(eq(workspaces.id, workspaceId));
  expect(ws.counter).toBe(row.n); // the counter never drifts from the table
  return row.n;
}

const jane = { firstName: "Jane", lastName: "Doe", company: "Acme", phone: "(201) 555-0123", email: "Jane@Example.com" };

describe("create", () => {
  test("stores E.164, digits, lower-case email, derived name, creator; audits the creation", async () => {
    const { workspace, agent, caller } = await workspaceWithAgent();
    const result = await createContactAction.invoke(caller, { ...jane, notes: "VIP", favorite: "on" });
    expect(result).toMatchObject({
      ok: true,
      data: {
        displayName: "Jane Doe",
        phoneE164: "+12015550123",
        phoneDigits: "12015550123",
        phoneCountry: "US",
        email: "jane@example.com",
        status: "active",
        source: "manual",
        createdBy: agent.userId,
        consentSms: "not_subscribed",
      },
    });
    if (!result.ok) return;
    const [entry] = await handle.db.select().from(auditLog).where(eq(auditLog.workspaceId, workspace.id));
    expect(entry).toMatchObject({ action: "contact.created", entityId: result.data.id, actorUserId: agent.userId });
    expect(entry.after).toMatchObject({ displayName: "Jane Doe", phoneE164: "+12015550123" });
    const stars = await handle.db.select().from(favorites).where(eq(favorites.contactId, result.data.id));
    expect(stars).toHaveLength(1);
    expect(await contactCount(workspace.id)).toBe(1);
  });

  test("a single full name is split into first and last", async () => {
    const { caller } = await workspaceWithAgent();
    const result = await createContactAction.invoke(caller, { name: "  Mary  Ann Smith ", email: "mary@example.com" });
    expect(result).toMatchObject({ ok: true, data: { firstName: "Mary", lastName: "Ann Smith", displayName: "Mary Ann Smith" } });
  });

  test.each(["201.555.0123", "1 201 555 0123", "+1 201 555 0123", "011 1 201 555 0123"])(
    "the same number typed as %s is a duplicate, linked to the existing contact",
    async (phone) => {
      const { workspace, caller } = await workspaceWithAgent();
      const first = await createContactAction.invoke(caller, jane);
      expect(first.ok).toBe(true);
      const second = await createContactAction.invoke(caller, { firstName: "Janet", phone });
      expect(second).toEqual({
        ok: false,
        code: "conflict",
        message: "Already in contacts: Jane Doe",
        fieldErrors: { phone: "Already in contacts: Jane Doe" },
        existing: { id: first.ok ? first.data.id : "", name: "Jane Doe" },
      });
      expect(await contactCount(workspace.id)).toBe(1);
      expect(await auditCount(handle.db, workspace.id)).toBe(1);
    },
  );

  test("email (any case) and external ID are unique too; another workspace may hold the same values", async () => {
    const { caller } = await workspaceWithAgent();
    await createContactAction.invoke(caller, { ...jane, externalId: "CRM-1" });
    expect(await createContactAction.invoke(caller, { firstName: "X", email: "JANE@example.COM" })).toMatchObject({
      code: "conflict",
      fieldErrors: { email: "Already in contacts: Jane Doe" },
    });
    expect(await createContactAction.invoke(caller, { firstName: "X", email: "x@example.com", externalId: "CRM-1" })).toMatchObject({
      code: "conflict",
      fieldErrors: { externalId: "Already in contacts: Jane Doe" },
    });
    const other = await workspaceWithAgent();
    expect((await createContactAction.invoke(other.caller, { ...jane, externalId: "CRM-1" })).ok).toBe(true);
  });

  test("50 parallel creates of one number: exactly one contact, 49 duplicate results, no errors", async () => {
    const { workspace, caller } = await workspaceWithAgent();
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => createContactAction.invoke(caller, { firstName: `Caller ${i}`, phone: "+1 201 555 0199" })),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const failures = results.filter((r) => !r.ok);
    expect(failures).toHaveLength(49);
    for (const failure of failures) expect(failure).toMatchObject({ code: "conflict", message: expect.stringMatching(/^Already in contacts: Caller \d+$/) });
    expect(await contactCount(workspace.id)).toBe(1);
  });

  test.each([
    [{ firstName: "", lastName: "", name: "" } as Record<string, string>, "firstName", "Enter a name."],
    [{ phone: "", email: "" }, "phone", "Enter a phone number or an email address."],
    [{ phone: "555-0100" }, "phone", "This phone number is too short."],
    [{ phone: "call me maybe" }, "phone", "Phone numbers can only contain digits, spaces and + ( ) - ."],
    [{ email: "jane@" }, "email", "Enter a valid email address, like name@example.com."],
    [{ firstName: "x".repeat(101) }, "firstName", "First name can be at most 100 characters."],
    [{ status: "deleted" }, "status", "Choose a status: active, inactive or blocked."],
    [{ preferredChannel: "fax" }, "preferredChannel", "Choose SMS, WhatsApp or email."],
    [{ timezone: "Mars/Olympus" }, "timezone", "Choose a time zone such as America/New_York."],
    [{ notes: "n".repeat(5001) }, "notes", "Notes can be at most 5000 characters."],
  ])("bad input on %#: a message on %s and nothing written", async (patch, field, message) => {
    const { workspace, caller } = await workspaceWithAgent();
    const result = await createContactAction.invoke(caller, { ...jane, ...patch });
    expect(result).toMatchObject({ ok: false, code: "invalid", fieldErrors: { [field]: message } });
    expect(await contactCount(workspace.id)).toBe(0);
    expect(await auditCount(handle.db, workspace.id)).toBe(0);
  });

  test("the contact limit refuses creates past it, with a clear message; deleting frees room", async () => {
    const { workspace, caller } = await workspaceWithAgent({ contactLimit: 2 });
    expect((await createContactAction.invoke(caller, { firstName: "A", email: "a@x.test" })).ok).toBe(true);
    expect((await createContactAction.invoke(caller, { firstName: "B", email: "b@x.test" })).ok).toBe(true);
    const third = await createContactAction.invoke(caller, { firstName: "C", email: "c@x.test" });
    expect(third).toEqual({ ok: false, code: "limit", message: LIMIT_REACHED });
    expect(await contactCount(workspace.id)).toBe(2);
  });

  test("the limit holds under concurrency", async () => {
    const { workspace, caller } = await workspaceWithAgent({ contactLimit: 5 });
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) => createContactAction.invoke(caller, { firstName: `P${i}`, email: `p${i}@x.test` })),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(5);
    expect(results.filter((r) => !r.ok && r.code === "limit")).toHaveLength(7);
    expect(await contactCount(workspace.id)).toBe(5);
  });

  test("a duplicate does not use up room under the limit", async () => {
    const { workspace, caller } = await workspaceWithAgent({ contactLimit: 2 });
    await createContactAction.invoke(caller, jane);
    await createContactAction.invoke(caller, jane);
    expect((await createContactAction.invoke(caller, { firstName: "B", email: "b@x.test" })).ok).toBe(true);
    expect(await contactCount(workspace.id)).toBe(2);
  });
});

describe("edit", () => {
  test("saves changes and audits only what changed", async () => {
    const { workspace, caller } = await workspaceWithAgent();
    const created = await createContactAction.invoke(caller, jane);
    if (!created.ok) throw new Error("setup");
    const result = await updateContactAction.invoke(caller, { ...jane, id: created.data.id, company: "Globex", phone: "+1 201 555 0123" });
    expect(result).toMatchObject({ ok: true, data: { company: "Globex", phoneE164: "+12015550123" } });
    const [entry] = await handle.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.workspaceId, workspace.id), eq(auditLog.action, "contact.updated")));
    expect(entry.before).toEqual({ company: "Acme" });
    expect(entry.after).toEqual({ company: "Globex" });
  });

  test("editing into another contact's phone or email is a duplicate; nothing changes", async () => {
    const { caller } = await workspaceWithAgent();
    const a = await createContactAction.invoke(caller, jane);
    const b = await createContactAction.invoke(caller, { firstName: "Bob", phone: "+44 20 7946 0958", email: "bob@x.test" });
    if (!a.ok || !b.ok) throw new Error("setup");
    const result = await updateContactAction.invoke(caller, { id: b.data.id, firstName: "Bob", phone: "201-555-0123" });
    expect(result).toMatchObject({ ok: false, code: "conflict", existing: { id: a.data.id, name: "Jane Doe" } });
    const [stored] = await handle.db.select().from(contacts).where(eq(contacts.id, b.data.id));
    expect(stored.phoneE164).toBe("+442079460958");
  });

  test("another workspace's contact is not found", async () => {
    const one = await workspaceWithAgent();
    const two = await workspaceWithAgent();
    const created = await createContactAction.invoke(one.caller, jane);
    if (!created.ok) throw new Error("setup");
    expect(await updateContactAction.invoke(two.caller, { ...jane, id: created.data.id, company: "Hijacked" })).toMatchObject({
      ok: false,
      code: "not_found",
    });
    expect(await setContactStatusAction.invoke(two.caller, { id: created.data.id, status: "blocked" })).toMatchObject({
      code: "not_found",
    });
    const [stored] = await handle.db.select().from(contacts).where(eq(contacts.id, created.data.id));
    expect(stored).toMatchObject({ company: "Acme", status: "active" });
  });

  test("block and unblock", async () => {
    const { workspace, caller } = await workspaceWithAgent();
    const created = await createContactAction.invoke(caller, jane);
    if (!created.ok) throw new Error("setup");
    expect(await setContactStatusAction.invoke(caller, { id: created.data.id, status: "blocked" })).toMatchObject({
      ok: true,
      data: { status: "blocked" },
    });
    expect(await setContactStatusAction.invoke(caller, { id: created.data.id, status: "active" })).toMatchObject({
      data: { status: "active" },
    });
    const actions = (await handle.db.select().from(auditLog).where(eq(auditLog.workspaceId, workspace.id))).map((e) => e.action);
    expect(actions.sort()).toEqual(["contact.blocked", "contact.created", "contact.unblocked"]);
  });
});
