import { and, eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import type { DatabaseHandle } from "@/db/client";
import { auditLog } from "@/db/schema";
import type { Ctx } from "@/lib/auth/actor";
import { createContactAction } from "@/lib/contacts/actions";
import { addToListAction, createListAction } from "@/lib/lists/actions";
import { parseContactQuery } from "@/lib/contacts/query";
import { exportContacts } from "@/lib/export/contacts";
import { createTestDatabase } from "../support/db";
import { callerFor, createMember, createWorkspace, ctxFor } from "../support/fixtures";

let handle: DatabaseHandle;
let ctx: Ctx;
let other: Ctx;
const ids: string[] = [];

beforeAll(async () => {
  handle = await createTestDatabase();
  const workspace = await createWorkspace(handle.db, { name: "Acme" });
  const admin = await createMember(handle.db, workspace.id, "administrator");
  ctx = await ctxFor(handle.db, admin.userId);
  for (let i = 0; i < 2500; i += 500) {
    // Bulk rows straight into the table (the export is under test, not the create path).
    const { contacts } = await import("@/db/schema");
    await handle.db.insert(contacts).values(
      Array.from({ length: 500 }, (_, j) => ({ workspaceId: workspace.id, displayName: `Bulk ${String(i + j).padStart(5, "0")}`, firstName: "Bulk", email: `b${i + j}@x.test` })),
    );
  }
  const caller = callerFor(handle.db, admin.userId);
  for (const person of [
    { firstName: "Jane", lastName: "Doe", company: "@risk Ltd", phone: "+1 201 555 0123", externalId: "007" },
    { firstName: "John", lastName: "Smith", company: "Globex", phone: "+44 20 7946 0958" },
  ]) {
    const r = await createContactAction.invoke(caller, person);
    if (r.ok) ids.push(r.data.id);
  }
  const otherWorkspace = await createWorkspace(handle.db);
  other = await ctxFor(handle.db, (await createMember(handle.db, otherWorkspace.id, "administrator")).userId);
  await createContactAction.invoke(callerFor(handle.db, other.actor.userId), { firstName: "Secret", phone: "+1 212 555 0188" });
});
afterAll(() => handle.close());

async function csv(request: Parameters<typeof exportContacts>[1], context = ctx) {
  return new Response(await exportContacts(context, request)).text();
}

test("scopes: all, the filtered view, the selected rows; never another workspace's", async () => {
  const all = (await csv({ format: "csv", columns: ["firstName", "phone"], scope: { kind: "all" } })).trim().split("\n");
  expect(all).toHaveLength(2503);
  expect(all[0]).toBe("First name,Phone");
  expect(all.join("\n")).not.toContain("Secret");
  const filtered = (await csv({ format: "csv", columns: ["firstName", "company"], scope: { kind: "filtered", query: parseContactQuery({ q: "globex" }) } })).trim().split("\n");
  expect(filtered).toEqual(["First name,Company", "John,Globex"]);
  const selected = (await csv({ format: "csv", columns: ["lastName"], scope: { kind: "selected", ids } })).trim().split("\n");
  expect(selected).toEqual(["Last name", "Doe", "Smith"]);
  const foreign = (await csv({ format: "csv", columns: ["firstName"], scope: { kind: "selected", ids } }, other)).trim().split("\n");
  expect(foreign).toEqual(["First name"]);
});

test("every export writes an audit entry with the filter and the row count", async () => {
  await csv({ format: "csv", columns: [], scope: { kind: "filtered", query: parseContactQuery({ q: "jane" }) } });
  await new Promise((r) => setTimeout(r, 50));
  const entries = await handle.db.select().from(auditLog).where(and(eq(auditLog.workspaceId, ctx.workspaceId), eq(auditLog.action, "contacts.exported")));
  const last = entries.find((e) => (e.after as { filter?: { q?: string } }).filter?.q === "jane");
  expect(last?.after).toMatchObject({ format: "csv", scope: "filtered", rows: 1, aborted: false });
});

test("XLSX: phones and IDs are text, formula cells escaped", async () => {
  const bytes = Buffer.from(await new Response(await exportContacts(ctx, { format: "xlsx", columns: ["firstName", "company", "phone", "externalId"], scope: { kind: "selected", ids } })).arrayBuffer());
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  expect(sheet.getRow(1).values).toEqual([undefined, "First name", "Company", "Phone", "External ID"]);
  const jane = sheet.getRow(2);
  expect(jane.getCell(2).value).toBe("'@risk Ltd");
  expect(jane.getCell(3).value).toBe("+12015550123");
  expect(jane.getCell(3).numFmt).toBe("@");
  expect(jane.getCell(4).value).toBe("007");
});

test("an aborted download stops the work and gives the connection back", async () => {
  const stream = await exportContacts(ctx, { format: "csv", columns: [], scope: { kind: "all" } });
  const reader = stream.getReader();
  const first = await reader.read();
  expect(first.done).toBe(false);
  await reader.cancel();
  await new Promise((r) => setTimeout(r, 100));
  if (handle.raw.kind === "pg") {
    expect(handle.raw.pool.totalCount).toBe(handle.raw.pool.idleCount);
    expect(handle.raw.pool.waitingCount).toBe(0);
  }
  // The database is free for the next request (on PGlite, its single connection).
  const again = await csv({ format: "csv", columns: ["lastName"], scope: { kind: "selected", ids } });
  expect(again.trim().split("\n")).toHaveLength(3);
  const entries = await handle.db.select().from(auditLog).where(and(eq(auditLog.workspaceId, ctx.workspaceId), eq(auditLog.action, "contacts.exported")));
  expect(entries.some((e) => (e.after as { aborted?: boolean }).aborted === true)).toBe(true);
});

test("CSV: list names are guarded like every free-text cell (the guard sits inside the lists subquery)", async () => {
  const caller = callerFor(handle.db, ctx.actor.userId);
  // One list each: the order of several names would depend on the server's collation.
  for (const [name, id] of [["=SUM(1)", ids[0]], ["Alpha", ids[1]]]) {
    const list = await createListAction.invoke(caller, { name });
    if (!list.ok) throw new Error(list.message);
    await addToListAction.invoke(caller, { listId: list.data.id, ids: [id] });
  }
  const rows = (await csv({ format: "csv", columns: ["lastName", "lists"], scope: { kind: "selected", ids } })).trim().split("\n");
  expect(rows).toEqual(["Last name,Lists", "Doe,'=SUM(1)", "Smith,Alpha"]);
});
