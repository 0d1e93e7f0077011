import { count, eq } from "drizzle-orm";
import type { DatabaseHandle } from "@/db/client";
import { contacts } from "@/db/schema";
import type { Ctx } from "@/lib/auth/actor";
import { runImportNow, saveImportOptions } from "@/lib/import/jobs";
import { createImport, textBody } from "@/lib/import/upload";
import { createTestDatabase } from "../support/db";
import { createMember, createWorkspace, ctxFor } from "../support/fixtures";

let handle: DatabaseHandle;
let ctx: Ctx;
beforeAll(async () => {
  handle = await createTestDatabase();
  const workspace = await createWorkspace(handle.db, { name: "Acme" });
  const admin = await createMember(handle.db, workspace.id, "administrator");
  ctx = await ctxFor(handle.db, admin.userId);
});
afterAll(() => handle.close());

test("smoke: a small CSV previews and imports", async () => {
  const csv = "Full Name,Mobile,E-mail,Organization\nJane Doe,(201) 555-0123,jane@x.test,Acme\nBob,bad phone,bob@x.test,\nJane Again,201.555.0123,,\n";
  const upload = await createImport(ctx, { fileName: "c.csv", hasHeader: true, body: textBody(csv) });
  if (!upload.ok) throw new Error(upload.message);
  expect(upload.data.columns).toEqual(["Full Name", "Mobile", "E-mail", "Organization"]);
  const saved = await saveImportOptions(ctx, upload.data.id, { mapping: ["name", "phone", "email", "company"] });
  expect(saved.ok).toBe(true);
  const preview = await runImportNow(ctx, upload.data.id, "preview");
  expect(preview.error).toBeNull();
  expect(preview.preview).toMatchObject({ rows: 3, created: 1, skippedInFile: 1, failed: 1 });
  const [before] = await handle.db.select({ n: count() }).from(contacts).where(eq(contacts.workspaceId, ctx.workspaceId));
  expect(before.n).toBe(0);
  const done = await runImportNow(ctx, upload.data.id, "run");
  expect(done.result).toMatchObject({ rows: 3, created: 1, skippedInFile: 1, failed: 1 });
  const [after] = await handle.db.select({ n: count() }).from(contacts).where(eq(contacts.workspaceId, ctx.workspaceId));
  expect(after.n).toBe(1);
});
