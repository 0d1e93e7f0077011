import { and, asc, eq } from "drizzle-orm";
import type { DatabaseHandle } from "@/db/client";
import { contacts, listMembers, lists } from "@/db/schema";
import type { Ctx } from "@/lib/auth/actor";
import type { ImportSummary } from "@/lib/import/options";
import { createTestDatabase } from "../support/db";
import { acmeAdmin, fixture, importFile } from "./support";

// Real exports imported with no manual mapping step (importFile auto-maps):
// what lands in contacts, which phone each row keeps, lists from labels.

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle.close());

async function freshWorkspace(): Promise<Ctx> {
  return (await acmeAdmin(handle.db)).ctx;
}

async function people(ctx: Ctx) {
  const rows = await handle.db
    .select({ id: contacts.id, name: contacts.displayName, first: contacts.firstName, last: contacts.lastName, phone: contacts.phoneE164, email: contacts.email, company: contacts.company, street: contacts.addressStreet, city: contacts.addressCity, zip: contacts.addressZip, country: contacts.addressCountry, notes: contacts.notes, attributes: contacts.attributes, externalId: contacts.externalId, timezone: contacts.timezone })
    .from(contacts)
    .where(eq(contacts.workspaceId, ctx.workspaceId))
    .orderBy(asc(contacts.displayName));
  const memberships = await handle.db
    .select({ contactId: listMembers.contactId, name: lists.name })
    .from(listMembers)
    .innerJoin(lists, and(eq(lists.workspaceId, listMembers.workspaceId), eq(lists.id, listMembers.listId)))
    .where(eq(listMembers.workspaceId, ctx.workspaceId));
  return rows.map((r) => ({ ...r, lists: memberships.filter((m) => m.contactId === r.id).map((m) => m.name).sort() }));
}

async function imported(file: string, options: Record<string, unknown> = {}) {
  const ctx = await freshWorkspace();
  const result = await importFile(ctx, fixture(`formats/${file}`), options, file);
  if (!result.run) throw new Error(JSON.stringify(result));
  return { ctx, result: result.run.result as ImportSummary, people: await people(ctx) };
}

test("a Google Contacts export: the mobile number of several, labels as lists without Google's own, the address, title and birthday", async () => {
  const { result, people: [jane, li, ravi] } = await imported("google.csv");
  expect(result).toMatchObject({ rows: 3, created: 3, failed: 0, extraPhones: 2, extraEmails: 1 });
  expect(jane).toMatchObject({
    name: "Jane Doe", phone: "+12015550199", email: "jane@acme.example", company: "Acme Corp", notes: "Met at the fair",
    street: "1 Main St", city: "Springfield", zip: "07081", country: "United States", lists: ["Customers", "VIP"],
    attributes: { organization_title: "Buyer", birthday: "1985-04-12" },
  });
  // Two numbers in one cell (" ::: "): the first is kept.
  expect(ravi).toMatchObject({ phone: "+12015550110", email: "ravi@example.com", lists: [], attributes: { birthday: "--06-30" } });
  expect(li).toMatchObject({ phone: "+12015550120", lists: ["Partners"] });
});

test("an Outlook export: Mobile, then Primary, Business, Home; its 0/0/00 birthdays are not imported", async () => {
  const { result, people: [jane, ravi] } = await imported("outlook.csv");
  expect(result).toMatchObject({ created: 2, failed: 0, extraPhones: 2, extraEmails: 1 });
  expect(jane).toMatchObject({ phone: "+12015550199", email: "jane@acme.example", company: "Acme Corp", city: "Springfield", notes: "Key account", attributes: { job_title: "Buyer" } });
  expect(ravi).toMatchObject({ phone: "+12015550160", attributes: {} });
});

test.each([
  ["hubspot.csv", { externalId: "51" }],
  ["salesforce.csv", { externalId: "0035g00000XyZ1A" }],
  // The data export names the account by its id only (AccountId): no company.
  ["salesforce-contact.csv", { externalId: "0035g00000XyZ1A", notes: "Key account", company: null }],
  ["zoho.csv", { externalId: "zcrm_4876876000000372001", lists: ["Customers", "VIP"], notes: "Key account" }],
  ["pipedrive.csv", { externalId: "7", lists: ["Customer", "VIP"], notes: "Key account" }],
  // Its TIMEZONE is where the subscriber's IP was: not imported.
  ["mailchimp.csv", { lists: ["Customers", "VIP"], notes: "Key account", timezone: null, phone: "+12015550100" }],
])("%s imports Jane with her mobile, company and email", async (file, expected) => {
  const { result, people: [jane] } = await imported(file);
  expect(result).toMatchObject({ created: 1, failed: 0 });
  expect(jane).toMatchObject({ first: "Jane", last: "Doe", email: "jane@acme.example", company: "Acme Corp", phone: "+12015550199", ...expected });
});

test.each([
  ["german.csv", "Jana", "Müller", "+4915123456789", "Berlin"],
  ["french.csv", "Jeanne", "Dupont", "+33612345678", "Paris"],
  ["spanish.csv", "Juana", "García López", "+34612345678", "Madrid"],
  ["portuguese.csv", "Joana", "Silva", "+5511912345678", "São Paulo"],
  ["italian.csv", "Giovanna", "Rossi", "+393123456789", "Roma"],
  ["dutch.csv", "Janneke", "de Vries", "+31612345678", "Amsterdam"],
])("%s: names, the mobile over the landline, the city", async (file, first, last, phone, city) => {
  const { result, people: [person] } = await imported(file);
  expect(result).toMatchObject({ created: 1, failed: 0, extraPhones: 1 });
  expect(person).toMatchObject({ first, last, phone, city });
});

test("a vCard file from an iPhone: the CELL number, categories as lists", async () => {
  const { result, people: [jane, ravi] } = await imported("apple.vcf");
  expect(result).toMatchObject({ rows: 2, created: 2, failed: 0, extraPhones: 1, extraEmails: 1 });
  expect(jane).toMatchObject({ name: "Jane Q. Doe", phone: "+12015550199", email: "jane@acme.example", company: "Acme Corp", lists: ["Customers", "VIP"], city: "Springfield", notes: "Met at the fair, booth 12.\nCall after 5.", attributes: { birthday: "1985-04-12", job_title: "Buyer" } });
  expect(ravi).toMatchObject({ name: "Ravi Patel", phone: "+12015550110" });
});

test("a vCard with broken cards: each fails as a row at its line, the good ones are imported", async () => {
  const { result, people: rows } = await imported("broken.vcf");
  expect(result).toMatchObject({ rows: 4, created: 2, failed: 2 });
  expect(result.failures).toEqual([
    { row: 6, reason: "This card has no END:VCARD before the next card begins." },
    { row: 10, reason: expect.stringMatching(/^This card could not be read/) },
  ]);
  expect(rows.map((r) => r.name)).toEqual(["Good One", "Good Two"]);
});

test("a 2.1 and a 4.0 card import their text decoded", async () => {
  const { people: [juergen] } = await imported("android-21.vcf");
  expect(juergen).toMatchObject({ name: "Jürgen Müller", phone: "+4915123456789", notes: "Straße 1, Zimmer 2\nzweite Zeile" });
  const { people: [li] } = await imported("v4.vcf");
  expect(li).toMatchObject({ name: "Li Wei", phone: "+12015550121", timezone: "Europe/Berlin", lists: ["Partners"] });
});
