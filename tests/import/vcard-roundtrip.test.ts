import { and, asc, count, eq } from "drizzle-orm";
import type { DatabaseHandle } from "@/db/client";
import { attributeDefinitions, contacts, listMembers, lists } from "@/db/schema";
import type { Ctx } from "@/lib/auth/actor";
import type { Caller } from "@/lib/auth/action";
import { createContactAction } from "@/lib/contacts/actions";
import { exportContacts } from "@/lib/export/contacts";
import type { ImportSummary } from "@/lib/import/options";
import { addToListAction, createListAction } from "@/lib/lists/actions";
import { createTestDatabase } from "../support/db";
import { acmeAdmin, importFile } from "./support";

// Export then import changes nothing: our vCard, read back by our importer
// (the same mapping a user gets, no manual step), finds every contact
// unchanged; into an empty workspace it makes the same contacts.

let handle: DatabaseHandle;
let ctx: Ctx;
let caller: Caller;
beforeAll(async () => {
  handle = await createTestDatabase();
  ({ ctx, caller } = await acmeAdmin(handle.db));
});
afterAll(() => handle.close());

const PEOPLE: Record<string, string>[] = [
  {
    firstName: "Jane", lastName: "Doe", company: "Acme; Corp, Inc.", phone: "+1 201 555 0123", email: "jane@acme.example",
    addressStreet: "1 Main St, Suite 2", addressCity: "Springfield", addressState: "NJ", addressZip: "07081", addressCountry: "United States",
    notes: "Met at the fair; booth 12, hall B.\nCall after 5 \\ not before.", timezone: "America/New_York", externalId: "crm;7,a",
  },
  { firstName: "Jürgen", lastName: "Müller", phone: "+49 151 23456789", notes: "Ünïcödé 🎉 ".repeat(20).trim() },
  { name: "Only Email", email: "only@example.com" },
];

async function snapshot(context: Ctx) {
  return handle.db
    .select({
      name: contacts.displayName, first: contacts.firstName, last: contacts.lastName, company: contacts.company, phone: contacts.phoneE164, email: contacts.email,
      street: contacts.addressStreet, city: contacts.addressCity, state: contacts.addressState, zip: contacts.addressZip, country: contacts.addressCountry,
      notes: contacts.notes, timezone: contacts.timezone, externalId: contacts.externalId, attributes: contacts.attributes, updatedAt: contacts.updatedAt,
    })
    .from(contacts)
    .where(eq(contacts.workspaceId, context.workspaceId))
    .orderBy(asc(contacts.displayName));
}

test("a vCard export imported back changes nothing, and into an empty workspace makes the same contacts", async () => {
  const ids: string[] = [];
  for (const person of PEOPLE) {
    const made = await createContactAction.invoke(caller, person);
    if (!made.ok) throw new Error(made.message);
    ids.push(made.data.id);
  }
  for (const [name, members] of [["Customers", [ids[0], ids[1]]], ["Friends, family", [ids[0]]]] as const) {
    const list = await createListAction.invoke(caller, { name });
    if (!list.ok) throw new Error(list.message);
    await addToListAction.invoke(caller, { listId: list.data.id, ids: [...members] });
  }
  const file = await new Response(await exportContacts(ctx, { format: "vcf", columns: [], scope: { kind: "all" } })).text();
  const before = await snapshot(ctx);
  const attributesBefore = await handle.db.select({ n: count() }).from(attributeDefinitions).where(eq(attributeDefinitions.workspaceId, ctx.workspaceId));

  const again = await importFile(ctx, file, { duplicates: "update" }, "contacts.vcf");
  expect(again.run?.result).toMatchObject({ rows: 3, created: 0, updated: 0, unchanged: 3, failed: 0 });
  expect(await snapshot(ctx)).toEqual(before);
  // No attribute appeared for the card's empty Birthday and Job title columns.
  expect(await handle.db.select({ n: count() }).from(attributeDefinitions).where(eq(attributeDefinitions.workspaceId, ctx.workspaceId))).toEqual(attributesBefore);

  const { ctx: fresh } = await acmeAdmin(handle.db);
  const copy = await importFile(fresh, file, {}, "contacts.vcf");
  expect((copy.run?.result as ImportSummary).created).toBe(3);
  const strip = (rows: Awaited<ReturnType<typeof snapshot>>) => rows.map(({ updatedAt: _, ...r }) => r);
  expect(strip(await snapshot(fresh))).toEqual(strip(before));
  // The lists came across as CATEGORIES, a comma inside a name included.
  expect(await memberships(fresh)).toEqual(await memberships(ctx));
  expect(await memberships(fresh)).toEqual([["Jane Doe", "Customers"], ["Jane Doe", "Friends, family"], ["Jürgen Müller", "Customers"]]);
});

async function memberships(context: Ctx): Promise<[string, string][]> {
  const rows = await handle.db
    .select({ contact: contacts.displayName, list: lists.name })
    .from(listMembers)
    .innerJoin(lists, and(eq(lists.workspaceId, listMembers.workspaceId), eq(lists.id, listMembers.listId)))
    .innerJoin(contacts, and(eq(contacts.workspaceId, listMembers.workspaceId), eq(contacts.id, listMembers.contactId)))
    .where(eq(listMembers.workspaceId, context.workspaceId));
  return rows.map((r): [string, string] => [r.contact, r.list]).sort((a, b) => (a[0] + a[1] < b[0] + b[1] ? -1 : 1));
}
