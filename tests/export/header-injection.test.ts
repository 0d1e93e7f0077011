import ExcelJS from "exceljs";
import type { DatabaseHandle } from "@/db/client";
import type { Ctx } from "@/lib/auth/actor";
import { createAttributeAction } from "@/lib/attributes/actions";
import { createContactAction } from "@/lib/contacts/actions";
import { exportContacts } from "@/lib/export/contacts";
import { createTestDatabase } from "../support/db";
import { callerFor, createMember, createWorkspace, ctxFor } from "../support/fixtures";

/*
 * Issue 13: an attribute's label is a column header in every export, and an
 * administrator (or anyone who once was one) chooses it. A label that starts a
 * formula must be escaped in the header row exactly like a cell.
 */

const HOSTILE = '=HYPERLINK("http://evil.test","x")';

let handle: DatabaseHandle;
let ctx: Ctx;

beforeAll(async () => {
  handle = await createTestDatabase();
  const workspace = await createWorkspace(handle.db, { name: "Acme" });
  const admin = await createMember(handle.db, workspace.id, "administrator");
  ctx = await ctxFor(handle.db, admin.userId);
  const caller = callerFor(handle.db, admin.userId);
  const attribute = await createAttributeAction.invoke(caller, { key: "link", label: HOSTILE, type: "text" });
  if (!attribute.ok) throw new Error(attribute.message);
  const jane = await createContactAction.invoke(caller, { firstName: "Jane", phone: "+1 201 555 0123", attributes: { [attribute.data.key]: "+cmd" } });
  if (!jane.ok) throw new Error(jane.message);
});
afterAll(() => handle.close());

async function exported(format: "csv" | "xlsx"): Promise<Buffer> {
  const stream = await exportContacts(ctx, { format, columns: [], scope: { kind: "all" } });
  return Buffer.from(await new Response(stream).arrayBuffer());
}

test("CSV: a label that starts a formula is escaped in the header row, like the cells under it", async () => {
  // On PGlite this is the paged writer, on a server COPY TO STDOUT: both write the header themselves.
  const [header, row] = (await exported("csv")).toString("utf8").replace(/^\uFEFF/, "").trim().split(/\r?\n/);
  expect(header.endsWith(`,"'=HYPERLINK(""http://evil.test"",""x"")"`)).toBe(true);
  expect(header).not.toMatch(/(^|,)"?=/);
  expect(row.endsWith(",'+cmd")).toBe(true);
});

test("XLSX: the header cell is escaped too", async () => {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await exported("xlsx")) as unknown as ArrayBuffer);
  const header = workbook.worksheets[0].getRow(1).values as unknown[];
  expect(header[header.length - 1]).toBe(`'${HOSTILE}`);
  expect(header.slice(1).every((h) => typeof h === "string" && !/^[=+\-@\t\r]/.test(h))).toBe(true);
});
