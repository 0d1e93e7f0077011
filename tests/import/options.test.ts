import { and, count, eq, sql } from "drizzle-orm";
import type { DatabaseHandle } from "@/db/client";
import { queryRows } from "@/db/query";
import { auditLog, consentEvents, contacts, importErrors, importJobs, listMembers, lists, workspaces } from "@/db/schema";
import type { Ctx } from "@/lib/auth/actor";
import { ROLES } from "@/lib/auth/permissions";
import { createAttributeAction } from "@/lib/attributes/actions";
import { createContactAction } from "@/lib/contacts/actions";
import { previewImportAction, runImportAction } from "@/lib/import/actions";
import { failInterruptedImports, importStatus, runImportNow, saveImportOptions } from "@/lib/import/jobs";
import { errorReportStream } from "@/lib/import/error-report";
import { createImport } from "@/lib/import/upload";
import { createListAction } from "@/lib/lists/actions";
import { createTestDatabase } from "../support/db";
import { callerFor, createMember } from "../support/fixtures";
import { acmeAdmin, body, importFile } from "./support";

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle.close());

const setup = (values: { contactLimit?: number } = {}) => acmeAdmin(handle.db, values);

async function contactsOf(ctx: Ctx) {
  return handle.db.select().from(contacts).where(eq(contacts.workspaceId, ctx.workspaceId)).orderBy(contacts.displayName);
}

const FILE = [
  "Name,Phone,Email,Company,Lists,SMS consent",
  "Jane Doe,(201) 555-0123,jane@x.test,Acme,VIP|Leads,subscribed",
  "John Smith,+44 20 7946 0958,,Globex,Leads,",
  "Jane Again,201.555.0123,,,,",
  "Bad Phone,555-0100,,,,",
  "No Reach,,,,,",
  "Ann Lee,,ann@x.test,,,maybe",
].join("\n");

test("skip mode: counts, first occurrence wins, failures with reasons, lists created, consent default and events, audit", async () => {
  const { ctx } = await setup();
  const result = await importFile(ctx, FILE, { defaultConsent: { email: "subscribed" } });
  const expected = { rows: 6, created: 2, updated: 0, skippedExisting: 0, skippedInFile: 1, failed: 3, removed: 0 };
  expect(result.preview?.preview).toMatchObject(expected);
  expect(result.run?.result).toMatchObject(expected);
  expect(result.run?.result).toMatchObject({
    failures: [
      { row: 5, reason: "This phone number is too short." },
      { row: 6, reason: "Enter a phone number or an email address." },
      { row: 7, reason: "SMS consent must be subscribed or unsubscribed." },
    ],
  });
  const rows = await contactsOf(ctx);
  expect(rows.map((r) => [r.displayName, r.phoneE164, r.source, r.consentSms, r.consentEmail])).toEqual([
    ["Jane Doe", "+12015550123", "import", "subscribed", "subscribed"],
    ["John Smith", "+442079460958", "import", "not_subscribed", "subscribed"],
  ]);
  const listNames = (await handle.db.select({ name: lists.name }).from(lists).where(eq(lists.workspaceId, ctx.workspaceId))).map((l) => l.name).sort();
  expect(listNames).toEqual(["Leads", "VIP"]);
  const [members] = await handle.db.select({ n: count() }).from(listMembers).where(eq(listMembers.workspaceId, ctx.workspaceId));
  expect(members.n).toBe(3);
  const events = await handle.db.select().from(consentEvents).where(eq(consentEvents.workspaceId, ctx.workspaceId));
  expect(events).toHaveLength(3);
  expect(events.every((e) => e.source === "import")).toBe(true);
  const [ws] = await handle.db.select().from(workspaces).where(eq(workspaces.id, ctx.workspaceId));
  expect(ws.contactCount).toBe(2);
  const [entry] = await handle.db.select().from(auditLog).where(and(eq(auditLog.workspaceId, ctx.workspaceId), eq(auditLog.action, "contacts.imported")));
  expect(entry.after).toMatchObject({ created: 2, failed: 3 });

  // The error CSV: row, reason, original values.
  const csv = await new Response(errorReportStream(ctx, result.run!)).text();
  expect(csv.split("\n")[0]).toBe("Row,Reason,Name,Phone,Email,Company,Lists,SMS consent");
  expect(csv).toContain("5,This phone number is too short.,Bad Phone,555-0100,,,,");

  // The same file again in skip mode changes nothing.
  const again = await importFile(ctx, FILE);
  expect(again.run?.result).toMatchObject({ created: 0, skippedExisting: 2, skippedInFile: 1, failed: 3 });
  expect((await contactsOf(ctx)).map((r) => r.updatedAt)).toEqual(rows.map((r) => r.updatedAt));
});

test("update mode: matched by phone, email or external ID; missing values kept or cleared", async () => {
  const { ctx, caller } = await setup();
  await createContactAction.invoke(caller, { firstName: "Jane", lastName: "Doe", company: "Old Co", phone: "(201) 555-0123", notes: "keep me" });
  await createContactAction.invoke(caller, { firstName: "Ext", email: "ext@x.test", externalId: "CRM-9", company: "Before" });
  const file = "Name,Phone,External ID,Company,Notes\nJane Doe,+1 201 555 0123,,New Co,\nExt Person,,CRM-9,,\n";
  const keep = await importFile(ctx, file, { duplicates: "update", missing: "keep" });
  expect(keep.run?.result).toMatchObject({ updated: 2, created: 0 });
  let rows = await contactsOf(ctx);
  expect(rows.map((r) => [r.displayName, r.company, r.notes])).toEqual([
    ["Ext Person", "Before", null],
    ["Jane Doe", "New Co", "keep me"],
  ]);
  const clear = await importFile(ctx, file, { duplicates: "update", missing: "clear" });
  expect(clear.run?.result).toMatchObject({ updated: 2 });
  rows = await contactsOf(ctx);
  expect(rows.map((r) => [r.displayName, r.company, r.notes])).toEqual([
    ["Ext Person", null, null],
    ["Jane Doe", "New Co", null],
  ]);
});

test("replace invalid values with empty instead of failing the row", async () => {
  const { ctx } = await setup();
  const file = "Name,Phone,Email,Time zone\nJane,(201) 555-0123,not-an-email,Mars/Base\nJohn,12,john@x.test,\n";
  const strict = await importFile(ctx, file);
  expect(strict.preview?.preview).toMatchObject({ created: 0, failed: 2 });
  const lenient = await importFile(ctx, file, { replaceInvalid: true });
  expect(lenient.run?.result).toMatchObject({ created: 2, failed: 0 });
  expect((await contactsOf(ctx)).map((r) => [r.displayName, r.email, r.phoneE164, r.timezone])).toEqual([
    ["Jane", null, "+12015550123", null],
    ["John", "john@x.test", null, null],
  ]);
});

test("chosen lists, timezone for all rows, a column as a new attribute, attribute values validated", async () => {
  const { ctx, caller } = await setup();
  const list = await createListAction.invoke(caller, { name: "Spring fair" });
  await createAttributeAction.invoke(caller, { key: "tier", label: "Tier", type: "dropdown", options: "Gold\nSilver" });
  const file = "Name,Phone,Tier,Seats\nJane,(201) 555-0123,gold,12\nJohn,(212) 555-0188,Bronze,3\n";
  const result = await importFile(ctx, file, {
    mapping: ["name", "phone", "attr.tier", "new:number"],
    listIds: list.ok ? [list.data.id] : [],
    timezone: "America/Chicago",
  });
  expect(result.run?.result).toMatchObject({ created: 1, failed: 1, failures: [{ row: 3, reason: "Tier must be one of: Gold, Silver." }] });
  const [jane] = await contactsOf(ctx);
  expect(jane).toMatchObject({ timezone: "America/Chicago", attributes: { tier: "Gold", seats: 12 } });
  expect(jane.searchText).toContain("gold");
  const [member] = await handle.db.select().from(listMembers).where(eq(listMembers.contactId, jane.id));
  expect(member).toBeDefined();
});

test("the contact limit: rows past it fail with 'Contact limit reached'", async () => {
  const { ctx } = await setup({ contactLimit: 2 });
  const file = "Name,Email\nA,a@x.test\nB,b@x.test\nC,c@x.test\n";
  const result = await importFile(ctx, file);
  expect(result.run?.result).toMatchObject({ created: 2, failed: 1, failures: [{ row: 4, reason: "Contact limit reached" }] });
});

test("remove contacts not in the file: needs the typed name; the preview says how many", async () => {
  const { ctx, caller } = await setup();
  for (const email of ["keep@x.test", "gone1@x.test", "gone2@x.test"]) await createContactAction.invoke(caller, { firstName: "P", email });
  const file = "Name,Email\nKeeper,keep@x.test\nNew,new@x.test\n";
  const refused = await importFile(ctx, file, { removeMissing: true, removeConfirm: "acme" });
  expect(refused.saved).toMatchObject({ ok: false, fieldErrors: { removeConfirm: "Type the workspace name, Acme, to remove contacts that are not in the file." } });
  const result = await importFile(ctx, file, { removeMissing: true, removeConfirm: "Acme" });
  expect(result.preview?.preview).toMatchObject({ removed: 2, created: 1, skippedExisting: 1 });
  expect(result.run?.result).toMatchObject({ removed: 2, created: 1 });
  expect((await contactsOf(ctx)).map((r) => r.email).sort()).toEqual(["keep@x.test", "new@x.test"]);
  const [ws] = await handle.db.select().from(workspaces).where(eq(workspaces.id, ctx.workspaceId));
  expect(ws.contactCount).toBe(2);
});

test("a crash mid-import leaves no rows, and the job shows failed", async () => {
  const { ctx } = await setup();
  const lines = ["Name,Email", ...Array.from({ length: 12_000 }, (_, i) => `Person ${i},p${i}@x.test`)];
  const upload = await createImport(ctx, { fileName: "big.csv", hasHeader: true, body: body(lines.join("\n")) });
  if (!upload.ok) throw new Error(upload.message);
  await saveImportOptions(ctx, upload.data.id, { mapping: ["name", "email"] });
  expect((await runImportNow(ctx, upload.data.id, "preview")).status).toBe("previewed");
  const log = jest.spyOn(console, "error").mockImplementation(() => undefined);
  // Fail after 10,000 of the 12,000 rows were staged (the transaction is open, rows are in flight).
  const job = await runImportNow(ctx, upload.data.id, "run", {
    afterBatch: (rows) => {
      if (rows >= 10_000) throw new Error("simulated crash");
    },
  });
  log.mockRestore();
  expect(job.status).toBe("failed");
  expect(job.error).toBe("The import failed and nothing was imported. Try again, or check the file.");
  expect(await contactsOf(ctx)).toHaveLength(0);
  expect(await handle.db.select().from(importErrors).where(eq(importErrors.jobId, upload.data.id))).toHaveLength(0);
});

test("after a restart, imports that were running are marked failed", async () => {
  const { ctx } = await setup();
  const upload = await createImport(ctx, { fileName: "c.csv", hasHeader: true, body: body("Name,Email\nA,a@x.test\n") });
  if (!upload.ok) throw new Error(upload.message);
  await handle.db.update(importJobs).set({ status: "running", updatedAt: new Date(Date.now() - 3_600_000) }).where(eq(importJobs.id, upload.data.id));
  expect(await failInterruptedImports(handle.db)).toBeGreaterThanOrEqual(1);
  expect(await importStatus(ctx, upload.data.id)).toMatchObject({ status: "failed", error: expect.stringMatching(/^The server stopped during this import/) });
});

test.each(ROLES)("role %s: import only for admin roles", async (role) => {
  const { ctx, workspace } = await setup();
  const upload = await createImport(ctx, { fileName: "c.csv", hasHeader: true, body: body("Name,Email\nA,a@x.test\n") });
  if (!upload.ok) throw new Error(upload.message);
  const member = callerFor(handle.db, (await createMember(handle.db, workspace.id, role)).userId);
  const result = await previewImportAction.invoke(member, { jobId: upload.data.id, options: { mapping: ["name", "email"] } });
  expect(result.ok ? "ok" : result.code).toBe(["super_admin", "administrator", "user_manager"].includes(role) ? "ok" : "forbidden");
});

test("another workspace's import job is 404", async () => {
  const a = await setup();
  const b = await setup();
  const upload = await createImport(a.ctx, { fileName: "c.csv", hasHeader: true, body: body("Name,Email\nA,a@x.test\n") });
  if (!upload.ok) throw new Error(upload.message);
  expect(await previewImportAction.invoke(b.caller, { jobId: upload.data.id, options: { mapping: ["name", "email"] } })).toMatchObject({ code: "not_found" });
  expect(await runImportAction.invoke(b.caller, { jobId: upload.data.id })).toMatchObject({ code: "not_found" });
  expect(await importStatus(b.ctx, upload.data.id)).toBeNull();
  const rows = await queryRows(handle.db, sql`SELECT status FROM import_jobs WHERE id = ${upload.data.id}`);
  expect(rows).toEqual([{ status: "uploaded" }]);
});
