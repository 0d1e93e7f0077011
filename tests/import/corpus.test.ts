import { count, eq } from "drizzle-orm";
import type { DatabaseHandle } from "@/db/client";
import { contacts, importJobs } from "@/db/schema";
import type { Ctx } from "@/lib/auth/actor";
import { createImport } from "@/lib/import/upload";
import { createTestDatabase } from "../support/db";
import { createMember, createWorkspace, ctxFor } from "../support/fixtures";
import { body, fixture, importFile } from "./support";

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle.close());

async function freshCtx(): Promise<Ctx> {
  const workspace = await createWorkspace(handle.db, { name: "Acme" });
  return ctxFor(handle.db, (await createMember(handle.db, workspace.id, "administrator")).userId);
}

async function nothingWritten(ctx: Ctx) {
  const [c] = await handle.db.select({ n: count() }).from(contacts).where(eq(contacts.workspaceId, ctx.workspaceId));
  const [j] = await handle.db.select({ n: count() }).from(importJobs).where(eq(importJobs.workspaceId, ctx.workspaceId));
  expect({ contacts: c.n, jobs: j.n }).toEqual({ contacts: 0, jobs: 0 });
}

describe("files refused at upload, nothing written", () => {
  test.each([
    ["empty.csv", "The file is empty."],
    ["header-only.csv", "The file has a header row but no contacts under it."],
    ["utf16.csv", "This file is UTF-16 encoded, which we cannot read. Save it as “CSV UTF-8”"],
    ["latin1.csv", "This file is not UTF-8 text (it looks like Latin-1 or Windows-1252)."],
    ["binary.csv", "This is a binary file, not CSV text or an .xlsx workbook."],
    ["duplicate-headers.csv", "The header “Name” appears twice. Give every column its own name."],
  ])("%s: %s", async (name, message) => {
    const ctx = await freshCtx();
    const result = await importFile(ctx, fixture(name));
    expect(result.upload.ok).toBe(false);
    if (!result.upload.ok) expect(result.upload.message).toContain(message);
    await nothingWritten(ctx);
  });

  test("a 51 MB file is refused as soon as it passes 50 MB", async () => {
    const ctx = await freshCtx();
    const row = "Jane Doe,(201) 555-0123,jane@example.com,Some company name that is fairly long\n";
    const chunk = Buffer.from(row.repeat(Math.ceil((1024 * 1024) / row.length)));
    async function* big() {
      yield Buffer.from("Name,Phone,Email,Company\n");
      for (let i = 0; i < 51; i++) yield chunk;
    }
    const result = await createImport(ctx, { fileName: "big.csv", hasHeader: true, body: big() });
    expect(result).toMatchObject({ ok: false, message: "The file is larger than 50 MB. Split it into smaller files and import them one after another." });
    await nothingWritten(ctx);
  });
});

describe("files that fail as a whole at preview, with the line", () => {
  test("unbalanced quotes", async () => {
    const ctx = await freshCtx();
    const result = await importFile(ctx, fixture("unbalanced-quotes.csv"));
    const failure = result.upload.ok ? result.preview?.error : result.upload.message;
    expect(failure).toMatch(/^Line \d+: a quoted field is never closed/);
    const [c] = await handle.db.select({ n: count() }).from(contacts).where(eq(contacts.workspaceId, ctx.workspaceId));
    expect(c.n).toBe(0);
  });

  test("5,000 columns", async () => {
    const ctx = await freshCtx();
    const header = ["Name", "Phone", ...Array.from({ length: 4998 }, (_, i) => `Extra ${i}`)].join(",");
    const row = ["Jane", "(201) 555-0123", ...Array.from({ length: 4998 }, () => "x")].join(",");
    const result = await importFile(ctx, `${header}\n${row}\n`, { mapping: ["name", "phone", ...Array.from({ length: 4998 }, () => "")] });
    const failure = result.upload.ok ? result.preview?.error : result.upload.message;
    expect(failure).toBe("Line 1 has 5000 columns; at most 1000 are supported.");
  });

  test("a 2 MB cell", async () => {
    const ctx = await freshCtx();
    const result = await importFile(ctx, `Name,Phone,Notes\nJane,(201) 555-0123,"${"x".repeat(2 * 1024 * 1024)}"\n`);
    const failure = result.upload.ok ? result.preview?.error : result.upload.message;
    expect(failure).toMatch(/a row is larger than 2 MB/);
    const [c] = await handle.db.select({ n: count() }).from(contacts).where(eq(contacts.workspaceId, ctx.workspaceId));
    expect(c.n).toBe(0);
  });

  test("a required column absent: the mapping says which", async () => {
    const ctx = await freshCtx();
    const result = await importFile(ctx, fixture("no-name-column.csv"));
    expect(result.saved).toMatchObject({ ok: false, fieldErrors: { mapping: "Map a column to Name or First name: every contact needs a name." } });
  });
});

describe("files read correctly", () => {
  test.each([
    ["crlf.csv", 2],
    ["cr-semicolon.csv", 2],
    ["tab.tsv", 1],
  ])("%s: %d contacts", async (name, created) => {
    const ctx = await freshCtx();
    const result = await importFile(ctx, fixture(name));
    expect(result.run?.result).toMatchObject({ created, failed: 0 });
  });

  test("BOM, emoji and non-Latin names", async () => {
    const ctx = await freshCtx();
    const result = await importFile(ctx, fixture("bom-unicode.csv"));
    expect(result.upload.ok && result.upload.data.columns).toEqual(["Name", "Mobile", "E-mail"]);
    expect(result.run?.result).toMatchObject({ created: 3, failed: 0 });
    const names = (await handle.db.select({ n: contacts.displayName }).from(contacts).where(eq(contacts.workspaceId, ctx.workspaceId))).map((r) => r.n).sort();
    expect(names).toEqual(["Zoë 🎉 Ångström", "李小龙", "محمد علي"].sort());
  });

  test("formula cells are stored as typed text, never evaluated or mangled", async () => {
    const ctx = await freshCtx();
    const result = await importFile(ctx, fixture("formulas.csv"));
    expect(result.run?.result).toMatchObject({ created: 2 });
    const rows = await handle.db.select({ name: contacts.displayName, company: contacts.company }).from(contacts).where(eq(contacts.workspaceId, ctx.workspaceId));
    expect(rows.map((r) => [r.name, r.company]).sort()).toEqual([["+Plus", "-minus"], ['=HYPERLINK("http://evil")', "@SUM(1+1)"]].sort());
  });

  test("an .xlsx workbook", async () => {
    const ExcelJS = (await import("exceljs")).default;
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Contacts");
    sheet.addRow(["First name", "Last name", "Phone", "Renewal"]);
    sheet.addRow(["Jane", "Doe", "+1 201 555 0123", new Date("2027-01-31")]);
    sheet.addRow(["John", "Smith", 2015550188, null]);
    const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
    const ctx = await freshCtx();
    const result = await importFile(ctx, buffer, {}, "contacts.xlsx");
    expect(result.upload.ok && result.upload.data.columns).toEqual(["First name", "Last name", "Phone", "Renewal"]);
    expect(result.run?.result).toMatchObject({ created: 2, failed: 0 });
  });

  test("without a header row, columns are taken by position", async () => {
    const ctx = await freshCtx();
    const result = await importFile(ctx, "Jane Doe,(201) 555-0123\nJohn Smith,+44 20 7946 0958\n", { hasHeader: false, mapping: ["name", "phone"] });
    expect(result.upload.ok && result.upload.data.columns).toEqual(["Column 1", "Column 2"]);
    expect(result.run?.result).toMatchObject({ rows: 2, created: 2 });
  });

  test("uploads stream: the body is consumed chunk by chunk", async () => {
    const ctx = await freshCtx();
    const result = await createImport(ctx, { fileName: "c.csv", hasHeader: true, body: body("Name,Phone\nJane,(201) 555-0123\n") });
    expect(result.ok).toBe(true);
  });
});
