import { eq } from "drizzle-orm";
import type { DatabaseHandle } from "@/db/client";
import { contacts, workspaces } from "@/db/schema";
import type { Ctx } from "@/lib/auth/actor";
import { createContactAction } from "@/lib/contacts/actions";
import { runImportNow, saveImportOptions } from "@/lib/import/jobs";
import { createImport } from "@/lib/import/upload";
import { createTestDatabase } from "../support/db";
import { acmeAdmin, body } from "./support";

// The import merges its file batch by batch (5,000 rows in production). With
// 2-row batches these small files cross many batch boundaries: every rule
// that depends on earlier rows must hold across them exactly as within one.

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle.close());

const setup = (values: { contactLimit?: number } = {}) => acmeAdmin(handle.db, values);

async function importInBatches(ctx: Ctx, file: string, options: Record<string, unknown>) {
  const upload = await createImport(ctx, { fileName: "b.csv", hasHeader: true, body: body(file) });
  if (!upload.ok) throw new Error(upload.message);
  const saved = await saveImportOptions(ctx, upload.data.id, options);
  if (!saved.ok) throw new Error(JSON.stringify(saved));
  const hooks = { batchRows: 2 };
  const preview = await runImportNow(ctx, upload.data.id, "preview", hooks);
  expect({ status: preview.status, error: preview.error }).toEqual({ status: "previewed", error: null });
  const run = await runImportNow(ctx, upload.data.id, "run", hooks);
  return { preview: preview.preview, result: run.result, status: run.status };
}

async function emailsOf(ctx: Ctx) {
  const rows = await handle.db.select({ email: contacts.email }).from(contacts).where(eq(contacts.workspaceId, ctx.workspaceId));
  return rows.map((r) => r.email).sort();
}

test("in-file duplicates by phone, email or external ID are found across batches; the first occurrence wins", async () => {
  const { ctx } = await setup();
  const file = [
    "Name,Phone,Email,External ID",
    "First,(201) 555-0101,first@x.test,",
    "Second,,second@x.test,EXT-1",
    "Other,(201) 555-0102,,",
    "Same phone,201.555.0101,,", // row 5: the phone of row 2, three batches later
    "Same email,,FIRST@x.test,", // row 6: row 2's email in capitals
    "Same ext,,third@x.test,EXT-1", // row 7: row 3's external ID
    "No key twice,,,", // fails on its own and claims nothing
    "Fresh,,fresh@x.test,",
  ].join("\n");
  const { preview, result, status } = await importInBatches(ctx, file, { mapping: ["name", "phone", "email", "externalId"] });
  expect(status).toBe("completed");
  const expected = { rows: 8, created: 4, skippedInFile: 3, skippedExisting: 0, failed: 1 };
  expect(preview).toMatchObject(expected);
  expect(result).toMatchObject(expected);
  expect(await emailsOf(ctx)).toEqual(["first@x.test", "fresh@x.test", "second@x.test", null].sort());
});

test("a row that fails on its own does not claim its key: a later row with it is created", async () => {
  const { ctx } = await setup();
  const file = ["Name,Email,Status", "Bad,dup@x.test,archived", "Good,other@x.test,", "Good again,dup@x.test,"].join("\n");
  const { result } = await importInBatches(ctx, file, { mapping: ["name", "email", "status"] });
  expect(result).toMatchObject({ created: 2, failed: 1, skippedInFile: 0 });
  expect(await emailsOf(ctx)).toEqual(["dup@x.test", "other@x.test"]);
});

test("existing contacts are matched in every batch, and update mode applies each once", async () => {
  const { ctx, caller } = await setup();
  await createContactAction.invoke(caller, { firstName: "Old", email: "old1@x.test", company: "Before" });
  await createContactAction.invoke(caller, { firstName: "Old", email: "old2@x.test", company: "Before" });
  const file = ["Name,Email,Company", "N1,n1@x.test,New", "N2,n2@x.test,New", "N3,n3@x.test,New", "O2,old2@x.test,After", "O1,old1@x.test,After"].join("\n");
  const skip = await importInBatches(ctx, file, { mapping: ["name", "email", "company"] });
  expect(skip.result).toMatchObject({ created: 3, skippedExisting: 2, updated: 0 });
  const update = await importInBatches(ctx, file, { mapping: ["name", "email", "company"], duplicates: "update" });
  expect(update.result).toMatchObject({ created: 0, updated: 2, unchanged: 3, skippedExisting: 0, skippedInFile: 0 });
  const companies = await handle.db.select({ company: contacts.company }).from(contacts).where(eq(contacts.workspaceId, ctx.workspaceId));
  expect(companies.map((c) => c.company).sort()).toEqual(["After", "After", "New", "New", "New"]);
});

test("the contact limit holds across batches: the rows past it fail in file order", async () => {
  const { ctx } = await setup({ contactLimit: 3 });
  const file = ["Name,Email", ...Array.from({ length: 7 }, (_, i) => `P${i},p${i}@x.test`)].join("\n");
  const { preview, result } = await importInBatches(ctx, file, { mapping: ["name", "email"] });
  expect(preview).toMatchObject({ created: 3, failed: 4 });
  expect(result).toMatchObject({ created: 3, failed: 4, failures: [5, 6, 7, 8].map((row) => ({ row, reason: "Contact limit reached" })) });
  expect(await emailsOf(ctx)).toEqual(["p0@x.test", "p1@x.test", "p2@x.test"]);
});

test("removal and the contact limit together: the room the removal frees is used, the rest fails in file order", async () => {
  const { ctx, caller } = await setup({ contactLimit: 4 });
  for (const email of ["keep@x.test", "gone1@x.test", "gone2@x.test", "gone3@x.test"]) await createContactAction.invoke(caller, { firstName: "P", email });
  // Full workspace (4 / 4): the file keeps one contact and removes three, so three of its five new rows fit.
  const file = ["Name,Email", "Keeper,keep@x.test", ...Array.from({ length: 5 }, (_, i) => `N${i},n${i}@x.test`)].join("\n");
  const { preview, result } = await importInBatches(ctx, file, { mapping: ["name", "email"], removeMissing: true, removeConfirm: "Acme" });
  const expected = { removed: 3, created: 3, skippedExisting: 1, failed: 2 };
  expect(preview).toMatchObject(expected);
  expect(result).toMatchObject({ ...expected, failures: [6, 7].map((row) => ({ row, reason: "Contact limit reached" })) });
  expect(await emailsOf(ctx)).toEqual(["keep@x.test", "n0@x.test", "n1@x.test", "n2@x.test"]);
  const [ws] = await handle.db.select().from(workspaces).where(eq(workspaces.id, ctx.workspaceId));
  expect(ws.contactCount).toBe(4);
});
