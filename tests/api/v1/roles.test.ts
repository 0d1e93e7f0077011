jest.mock("@/db/client", () => ({ ...jest.requireActual("@/db/client"), getDb: jest.fn() }));

import { eq } from "drizzle-orm";
import { getDb, type DatabaseHandle } from "@/db/client";
import { contacts } from "@/db/schema";
import type { Role } from "@/db/schema";
import type { Operation } from "@/lib/api/operation";
import { can, ROLES } from "@/lib/auth/permissions";
import { createList } from "@/lib/lists/lists";
import { createContact } from "@/lib/contacts/write";
import { createMember, createWorkspace, ctxFor } from "../../support/fixtures";
import { createTestDatabase } from "../../support/db";
import { v1Handlers } from "./routes";
import { call, keyFor } from "./support";

// The permission matrix through keys: every operation × every role (403
// exactly when the role lacks the capability), and with a role that may,
// another workspace's ids are not found (404) and nothing of theirs changes.

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
  jest.mocked(getDb).mockResolvedValue(handle.db);
});
afterAll(() => handle.close());

const operations = v1Handlers().filter((h) => h.operation);

async function otherWorkspace() {
  const workspace = await createWorkspace(handle.db);
  const owner = await createMember(handle.db, workspace.id, "super_admin");
  const ctx = await ctxFor(handle.db, owner.userId);
  const contact = await createContact(ctx, { name: "Their Contact", phone: "+12015550199", email: "theirs@example.com", externalId: "theirs-1" });
  const list = await createList(ctx, { name: "Their list" });
  if (!contact.ok || !list.ok) throw new Error("setup");
  return { contactId: contact.data.id, listId: list.data.id };
}

/** A request each operation accepts in shape, aimed at the other workspace's records. */
function requestFor(op: Operation, theirs: { contactId: string; listId: string }) {
  const params: Record<string, string> = {
    id: op.path.startsWith("/api/v1/lists") ? theirs.listId : theirs.contactId,
    contactId: theirs.contactId,
    phone: "+12015550199",
    email: "theirs@example.com",
    externalId: "theirs-1",
  };
  const path = op.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(params[name]));
  const body =
    op.id === "changeConsent" ? { sms: "subscribed" }
    : op.id === "addListMembers" ? { contactIds: [theirs.contactId] }
    : op.id === "createList" ? { name: `List ${Math.random()}` }
    : op.body ? { company: "Changed by another workspace" }
    : undefined;
  return { path, params, body };
}

describe.each(ROLES.map((role) => [role] as [Role]))("a %s key", (role) => {
  let secret: string;
  let theirs: { contactId: string; listId: string };
  beforeAll(async () => {
    const workspace = await createWorkspace(handle.db);
    secret = (await keyFor(handle.db, workspace.id, role)).secret;
    theirs = await otherWorkspace();
  });

  test.each(operations.map((h) => [h.operation!.id, h] as const))("%s", async (_id, { handler, operation, method }) => {
    const op = operation!;
    const { path, params, body } = requestFor(op, theirs);
    const answer = await call(handler, method, path, { key: secret, params, body });
    const permissions = typeof op.permission === "string" ? [op.permission] : op.permission;
    if (!permissions.every((p) => can(role, p))) {
      expect(answer.status).toBe(403);
      return;
    }
    expect([401, 403]).not.toContain(answer.status);
    const touchesTheirs = /\{(id|contactId)\}/.test(op.path) || op.id.startsWith("getContactBy");
    if (touchesTheirs) expect(answer.status).toBe(404);
    // An upsert by their identifier finds nothing here; with no name to create one, it is refused.
    if (op.id.startsWith("upsertContactBy")) expect(answer.status).toBe(422);
  });

  afterAll(async () => {
    const [contact] = await handle.db.select().from(contacts).where(eq(contacts.id, theirs.contactId));
    expect(contact).toMatchObject({ company: null, consentSms: "not_subscribed" });
  });
});

test("with Contacts Management off, every operation is 404 (each is a contact feature)", async () => {
  const workspace = await createWorkspace(handle.db, { contactsEnabled: false });
  const { secret } = await keyFor(handle.db, workspace.id, "administrator");
  for (const { handler, operation, method } of operations) {
    const { path, params, body } = requestFor(operation!, { contactId: "00000000-0000-4000-8000-000000000000", listId: "00000000-0000-4000-8000-000000000000" });
    expect([operation!.id, (await call(handler, method, path, { key: secret, params, body })).status]).toEqual([operation!.id, 404]);
  }
});
