import { stringify } from "csv-stringify/sync";
import { asc, eq, sql } from "drizzle-orm";
import type { DatabaseHandle } from "@/db/client";
import { queryRows } from "@/db/query";
import { contacts, type Contact } from "@/db/schema";
import { createAttributeAction } from "@/lib/attributes/actions";
import { attributeSearchText, type AttributeValues } from "@/lib/attributes/validation";
import type { ImportSummary } from "@/lib/import/options";
import { createContactAction } from "@/lib/contacts/actions";
import { listAttributeDefinitions } from "@/lib/attributes/definitions";
import { createTestDatabase } from "../support/db";
import { ctxFor } from "../support/fixtures";
import { acmeAdmin, importFile } from "../import/support";

// One contact core: the same rows through the form path and the import path
// store the same contact (every column, derived ones included) and fail with
// the same messages.

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle.close());

const COLUMNS = ["firstName", "lastName", "name", "company", "phone", "email", "notes", "externalId", "status", "preferredChannel", "timezone", "addressStreet", "addressCity", "addressState", "addressZip", "addressCountry", "attr.tier", "attr.note", "attr.seats"] as const;
type Row = Partial<Record<(typeof COLUMNS)[number], string>>;

const GOOD: Row[] = [
  { firstName: " Jane ", lastName: "Doe", company: "Acme", phone: "(201) 555-0123", email: "Jane@Example.COM", notes: "VIP", "attr.tier": "gold", "attr.note": "Key account" },
  { name: "  Mary   Ann  Smith ", phone: "+44 20 7946 0958", status: "Inactive", preferredChannel: "WhatsApp", timezone: "Europe/London" },
  { firstName: "Ola", email: "ola@example.no", externalId: "CRM-7", addressStreet: "1 Main St", addressCity: "Oslo", addressState: "Oslo", addressZip: "0150", addressCountry: "Norway", "attr.seats": "1,250" },
  { lastName: "Only", phone: "201.555.0199", preferredChannel: "text", status: "blocked", "attr.note": "zeta", "attr.tier": "Silver" },
];

const BAD: Row[] = [
  { firstName: "Bad", phone: "555-0100" },
  { firstName: "Bad", email: "bad@" },
  { firstName: "Bad", phone: "2015550150", company: "x".repeat(201) },
  { firstName: "Bad", phone: "2015550151", status: "deleted" },
  { firstName: "Bad", phone: "2015550152", timezone: "Mars/Olympus" },
  { firstName: "Bad", phone: "2015550153", preferredChannel: "fax" },
  { firstName: "Bad", phone: "2015550154", "attr.tier": "Bronze", "attr.seats": "many" },
  { firstName: "Bad", phone: "call me" },
  { phone: "2015550155" },
  { firstName: "Nobody" },
  { firstName: "Bad", email: "x".repeat(250) + "@example.com" },
];

/** What the form posts for a row: its fields, with attributes as `attr.<key>` form fields. */
const formFields = (row: Row) => Object.fromEntries(Object.entries(row));

function csvOf(rows: Row[]): string {
  return stringify([COLUMNS.map((c) => (c.startsWith("attr.") ? c.slice(5) : c)), ...rows.map((r) => COLUMNS.map((c) => r[c] ?? ""))]);
}

async function workspace() {
  const admin = await acmeAdmin(handle.db);
  await createAttributeAction.invoke(admin.caller, { key: "tier", label: "Tier", type: "dropdown", options: "Gold\nSilver" });
  await createAttributeAction.invoke(admin.caller, { key: "note", label: "Note", type: "text" });
  await createAttributeAction.invoke(admin.caller, { key: "seats", label: "Seats", type: "number" });
  return { ...admin, ctx: await ctxFor(handle.db, admin.caller.userId!) };
}

/** Every column but the ones that name the write itself (id, source, times). */
function stored(c: Contact) {
  const { id: _id, workspaceId: _ws, source: _source, createdAt: _c, updatedAt: _u, createdBy: _cb, updatedBy: _ub, ...rest } = c;
  return rest;
}

async function contactsOf(workspaceId: string) {
  const rows = await handle.db.select().from(contacts).where(eq(contacts.workspaceId, workspaceId)).orderBy(asc(contacts.displayName));
  return rows.map(stored);
}

test("the form and the import store the same contacts, every column included", async () => {
  const viaForm = await workspace();
  for (const row of GOOD) {
    const result = await createContactAction.invoke(viaForm.caller, formFields(row));
    expect(result).toMatchObject({ ok: true });
  }
  const viaImport = await workspace();
  const result = await importFile(viaImport.ctx, csvOf(GOOD), { mapping: [...COLUMNS] });
  expect(result.run?.result).toMatchObject({ created: GOOD.length, failed: 0 });

  const fromForm = await contactsOf(viaForm.workspace.id);
  expect(fromForm).toHaveLength(GOOD.length);
  expect(await contactsOf(viaImport.workspace.id)).toEqual(fromForm);
  // Spot checks of what the rules derived.
  expect(fromForm.map((c) => [c.displayName, c.firstName, c.lastName])).toEqual([
    ["Jane Doe", "Jane", "Doe"],
    ["Mary Ann Smith", "Mary", "Ann Smith"],
    ["Ola", "Ola", null],
    ["Only", null, "Only"],
  ]);
  expect(fromForm[0]).toMatchObject({ email: "jane@example.com", phoneE164: "+12015550123", attributes: { tier: "Gold", note: "Key account" }, attributeText: "Key account Gold" });
  expect(fromForm[1]).toMatchObject({ status: "inactive", preferredChannel: "whatsapp", phoneCountry: "GB" });
  expect(fromForm[3]).toMatchObject({ preferredChannel: "sms", status: "blocked", attributeText: "zeta Silver" });
});

test("a bad row fails with the same messages on both paths, and writes nothing", async () => {
  const viaForm = await workspace();
  const formMessages: string[][] = [];
  for (const row of BAD) {
    const result = await createContactAction.invoke(viaForm.caller, formFields(row));
    if (result.ok) throw new Error(`the form accepted ${JSON.stringify(row)}`);
    formMessages.push(Object.values(result.fieldErrors ?? {}).sort());
  }
  const viaImport = await workspace();
  const result = await importFile(viaImport.ctx, csvOf(BAD), { mapping: [...COLUMNS] });
  expect(result.run?.result).toMatchObject({ created: 0, failed: BAD.length });
  const failures = (result.run?.result as ImportSummary).failures.map((f) => f.reason.split("; ").sort());
  expect(failures).toEqual(formMessages);
  expect(await contactsOf(viaForm.workspace.id)).toEqual([]);
  expect(await contactsOf(viaImport.workspace.id)).toEqual([]);
  // Each message says what is wrong in the user's words.
  expect(formMessages).toEqual([
    ["This phone number is too short."],
    ["Enter a valid email address, like name@example.com."],
    ["Company can be at most 200 characters."],
    ["Choose a status: active, inactive or blocked."],
    ["Choose a time zone such as America/New_York."],
    ["Choose SMS, WhatsApp or email."],
    ["Seats must be a number.", "Tier must be one of: Gold, Silver."],
    ["Phone numbers can only contain digits, spaces and + ( ) - ."],
    ["Enter a name."],
    ["Enter a phone number or an email address."],
    ["Email addresses are at most 254 characters."],
  ]);
});

test("sb_attribute_text (SQL, for bulk changes) computes what attributeSearchText (the rules) does", async () => {
  const { ctx, workspace: ws } = await workspace();
  const definitions = await listAttributeDefinitions(ctx);
  const cases: AttributeValues[] = [{ tier: "Gold", note: "Key account", seats: 3 }, { note: "b" }, { seats: 1 }, {}, { tier: "Silver", note: "a b" }];
  for (const values of cases) {
    const [row] = await queryRows<{ text: string | null }>(handle.db, sql`SELECT sb_attribute_text(${ws.id}::uuid, ${JSON.stringify(values)}::jsonb) AS text`);
    expect(row.text).toBe(attributeSearchText(definitions, values));
  }
});
