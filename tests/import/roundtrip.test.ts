import { sql } from "drizzle-orm";
import type { DatabaseHandle } from "@/db/client";
import { queryRows } from "@/db/query";
import type { Ctx } from "@/lib/auth/actor";
import { createAttributeAction } from "@/lib/attributes/actions";
import { createContactAction } from "@/lib/contacts/actions";
import { exportContacts } from "@/lib/export/contacts";
import { runImportNow, saveImportOptions } from "@/lib/import/jobs";
import { autoMap } from "@/lib/import/fields";
import { listAttributeDefinitions } from "@/lib/attributes/definitions";
import { createImport, textBody } from "@/lib/import/upload";
import { createListAction, addToListAction } from "@/lib/lists/actions";
import { createTestDatabase } from "../support/db";
import { callerFor, createMember, createWorkspace, ctxFor } from "../support/fixtures";

let handle: DatabaseHandle;
let ctx: Ctx;
beforeAll(async () => {
  handle = await createTestDatabase();
  const workspace = await createWorkspace(handle.db, { name: "Acme" });
  const admin = await createMember(handle.db, workspace.id, "administrator");
  ctx = await ctxFor(handle.db, admin.userId);
  const caller = callerFor(handle.db, admin.userId);
  await createAttributeAction.invoke(caller, { key: "tier", label: "Tier", type: "dropdown", options: "Gold\nSilver" });
  await createAttributeAction.invoke(caller, { key: "vip", label: "VIP", type: "boolean" });
  const people = [
    { firstName: "Jane", lastName: "Doe", company: "=cmd|' /C calc'!A0", phone: "+1 201 555 0123", email: "jane@x.test", notes: "Line one\nline two, with comma", "attr.tier": "Gold", "attr.vip": "yes" },
    { name: "Mary Ann Smith", phone: "+44 20 7946 0958", "attr.vip": "no" },
    { firstName: "Øyvind", lastName: "李", email: "oy@x.test", externalId: "-42", timezone: "Europe/Oslo" },
  ];
  const ids: string[] = [];
  for (const p of people) {
    const r = await createContactAction.invoke(caller, p);
    if (!r.ok) throw new Error(r.message);
    ids.push(r.data.id);
  }
  const list = await createListAction.invoke(caller, { name: "Key accounts" });
  if (list.ok) await addToListAction.invoke(caller, { listId: list.data.id, ids: ids.slice(0, 2) });
});
afterAll(() => handle.close());

test("export escapes formulas but not E.164 phones, and re-importing it in update mode changes nothing", async () => {
  const bytes = new Uint8Array(await new Response(await exportContacts(ctx, { format: "csv", columns: [], scope: { kind: "all" } })).arrayBuffer());
  expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // BOM: Excel opens it as UTF-8
  const csv = new TextDecoder().decode(bytes);
  expect(csv.startsWith("First name,Last name,Company,Phone,Email,Notes,External ID,Status,Preferred channel")).toBe(true);
  expect(csv).toContain(",'=cmd|' /C calc'!A0,");
  expect(csv).toContain(",+12015550123,");
  expect(csv).toContain(",'-42,");
  expect(csv).toContain("Key accounts");
  const before = await queryRows(handle.db, sql`SELECT * FROM contacts WHERE workspace_id = ${ctx.workspaceId} ORDER BY id`);

  const upload = await createImport(ctx, { fileName: "export.csv", hasHeader: true, body: textBody(csv) });
  if (!upload.ok) throw new Error(upload.message);
  const mapping = autoMap(upload.data.columns, await listAttributeDefinitions(ctx));
  expect(mapping.every(Boolean)).toBe(true);
  expect((await saveImportOptions(ctx, upload.data.id, { mapping, duplicates: "update", missing: "clear" })).ok).toBe(true);
  const preview = await runImportNow(ctx, upload.data.id, "preview");
  expect(preview.preview).toMatchObject({ rows: 3, created: 0, updated: 0, unchanged: 3, failed: 0 });
  const done = await runImportNow(ctx, upload.data.id, "run");
  expect(done.result).toMatchObject({ rows: 3, created: 0, updated: 0, unchanged: 3, failed: 0 });
  const after = await queryRows(handle.db, sql`SELECT * FROM contacts WHERE workspace_id = ${ctx.workspaceId} ORDER BY id`);
  expect(after).toEqual(before);
});
