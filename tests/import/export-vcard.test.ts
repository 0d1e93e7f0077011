jest.mock("@/lib/auth/server-session", () => ({ currentCaller: jest.fn() }));

import { and, eq } from "drizzle-orm";
import ICAL from "ical.js";
import { GET } from "@/app/api/contacts/export/route";
import type { DatabaseHandle } from "@/db/client";
import { auditLog, contacts } from "@/db/schema";
import type { Ctx } from "@/lib/auth/actor";
import type { Caller } from "@/lib/auth/action";
import { createContactAction } from "@/lib/contacts/actions";
import { parseContactQuery } from "@/lib/contacts/query";
import { addToListAction, createListAction } from "@/lib/lists/actions";
import { exportContacts, type ExportScope } from "@/lib/export/contacts";
import { get, signIn } from "../api/support";
import { createTestDatabase } from "../support/db";
import { callerFor, createMember, createWorkspace, ctxFor } from "../support/fixtures";

// The vCard export: exact card text, escaping, folding by octets, lists as
// CATEGORIES, scoping, the audit entry, and the whole file read back by
// ical.js (the parser Thunderbird uses).

let handle: DatabaseHandle;
let ctx: Ctx;
let caller: Caller;
let other: Ctx;
let adminId: string;
let agentId: string;
let jane: string;
let secret: string;
const BULK = 2100; // more than one keyset page (2000)

async function create(values: Record<string, string>): Promise<string> {
  const created = await createContactAction.invoke(caller, values);
  if (!created.ok) throw new Error(created.message);
  return created.data.id;
}

async function listWith(name: string, ids: string[]) {
  const list = await createListAction.invoke(caller, { name });
  if (!list.ok) throw new Error(list.message);
  await addToListAction.invoke(caller, { listId: list.data.id, ids });
}

beforeAll(async () => {
  handle = await createTestDatabase();
  const workspace = await createWorkspace(handle.db, { name: "Acme" });
  adminId = (await createMember(handle.db, workspace.id, "administrator")).userId;
  agentId = (await createMember(handle.db, workspace.id, "user")).userId;
  ctx = await ctxFor(handle.db, adminId);
  caller = callerFor(handle.db, adminId);
  jane = await create({
    firstName: "Jane", lastName: "Doe", company: "Acme Corp", phone: "+1 201 555 0123", email: "jane@acme.example",
    addressStreet: "1 Main St", addressCity: "Springfield", addressState: "NJ", addressZip: "07081", addressCountry: "United States",
    notes: "Met at the fair.", timezone: "America/New_York", externalId: "007",
  });
  // "c" sorts before "f" in every collation: the order of the two names is fixed.
  await listWith("Customers", [jane]);
  await listWith("Friends, family", [jane]);
  const otherWorkspace = await createWorkspace(handle.db);
  const otherAdmin = (await createMember(handle.db, otherWorkspace.id, "administrator")).userId;
  other = await ctxFor(handle.db, otherAdmin);
  const made = await createContactAction.invoke(callerFor(handle.db, otherAdmin), { firstName: "Secret", phone: "+1 212 555 0188" });
  if (!made.ok) throw new Error(made.message);
  secret = made.data.id;
});
afterAll(() => handle.close());

async function vcf(scope: ExportScope, context = ctx): Promise<string> {
  return new Response(await exportContacts(context, { format: "vcf", columns: [], scope })).text();
}

/** Physical lines, without the CRLF that ends the file. */
function physicalLines(text: string): string[] {
  expect(text.endsWith("\r\n") || text === "").toBe(true);
  return text === "" ? [] : text.slice(0, -2).split("\r\n");
}

test("a contact with every field: the exact card", async () => {
  const text = await vcf({ kind: "selected", ids: [jane] });
  expect(text).toBe(
    [
      "BEGIN:VCARD",
      "VERSION:3.0",
      "FN:Jane Doe",
      "N:Doe;Jane;;;",
      "ORG:Acme Corp",
      "TEL;TYPE=CELL:+12015550123",
      "EMAIL;TYPE=INTERNET:jane@acme.example",
      "ADR;TYPE=WORK:;;1 Main St;Springfield;NJ;07081;United States",
      "NOTE:Met at the fair.",
      "CATEGORIES:Customers,Friends\\, family",
      "TZ;VALUE=TEXT:America/New_York",
      "X-SWITCHBOARD-EXTERNAL-ID:007",
      `UID:urn:uuid:${jane}`,
      "END:VCARD",
      "",
    ].join("\r\n"),
  );
});

test("commas, semicolons, newlines and backslashes are escaped; control characters removed; FN never empty", async () => {
  // The backslash is inside the name: ical.js 2.2.1 (read back below) takes a part ending in "\\\\" for an escaped ";".
  const id = await create({ firstName: "Ann, Jr.", lastName: "O;Ne\\il", company: "Smith; Sons, Ltd", email: "ann@example.test", notes: "One; two, three\nback\\slash" });
  expect(physicalLines(await vcf({ kind: "selected", ids: [id] }))).toEqual([
    "BEGIN:VCARD",
    "VERSION:3.0",
    "FN:Ann\\, Jr. O\\;Ne\\\\il",
    "N:O\\;Ne\\\\il;Ann\\, Jr.;;;",
    "ORG:Smith\\; Sons\\, Ltd",
    "EMAIL;TYPE=INTERNET:ann@example.test",
    "NOTE:One\\; two\\, three\\nback\\\\slash",
    `UID:urn:uuid:${id}`,
    "END:VCARD",
  ]);
  // Rows straight into the table: what an import or an old row may hold, past the form's checks.
  const [raw] = await handle.db
    .insert(contacts)
    .values({ workspaceId: ctx.workspaceId, displayName: "", phoneE164: "+12015550100", notes: "bell\u0007 tab\there\r\nnext\rlast\u0085", addressCity: "\u0001" })
    .returning({ id: contacts.id });
  const [blank] = await handle.db.insert(contacts).values({ workspaceId: ctx.workspaceId, displayName: " \u0002", email: "only@example.test" }).returning({ id: contacts.id });
  const lines = physicalLines(await vcf({ kind: "selected", ids: [raw.id, blank.id] }));
  expect(lines.filter((l) => /^(FN|NOTE|ADR)/.test(l))).toEqual(["FN:+12015550100", "NOTE:bell tab here\\nnext\\nlast", "FN:only@example.test"]);
});

test("a long note folds at 75 octets, never inside a UTF-8 character or an escape, and unfolds to the same text", async () => {
  // "NOTE:a" is 6 octets: 2-octet ü then straddle the 75th octet, so do 4-octet emoji and "\n" escapes after them.
  const note = `a${"ü".repeat(60)}${"😀".repeat(30)}${"\n".repeat(45)}end ${"Grüße, ".repeat(20)}`.trim();
  const id = await create({ firstName: "Long", lastName: "Note", email: "long@example.test", notes: note });
  const text = await vcf({ kind: "selected", ids: [id] });
  const lines = physicalLines(text);
  const noteStart = lines.findIndex((l) => l.startsWith("NOTE:"));
  const folded = lines.slice(noteStart, lines.findIndex((l, i) => i > noteStart && !l.startsWith(" ")));
  expect(folded.length).toBeGreaterThan(5);
  const strict = new TextDecoder("utf-8", { fatal: true });
  for (const line of lines) {
    const bytes = Buffer.from(line, "utf8");
    expect(bytes.length).toBeLessThanOrEqual(75);
    // Decoding each line's own bytes fails if a character was cut between two lines.
    expect(strict.decode(bytes)).toBe(line);
  }
  // No line ends inside an escape (an odd run of backslashes at its end).
  for (const line of folded) expect(/(^|[^\\])(\\\\)*\\$/.test(line)).toBe(false);
  // Unfolding (CRLF + one space removed) gives the one escaped line back.
  expect(folded.join("\r\n").replace(/\r\n /g, "")).toBe(`NOTE:${note.replace(/\\/g, "\\\\").replace(/,/g, "\\,").replace(/\n/g, "\\n")}`);
  const card = new ICAL.Component(ICAL.parse(text) as unknown[]);
  expect(card.getFirstPropertyValue("note")).toBe(note);
});

test("scope selected: only the chosen contacts, never another workspace's (its id gives nothing)", async () => {
  const mine = await vcf({ kind: "selected", ids: [jane, secret] });
  expect(mine.match(/^BEGIN:VCARD$/gm)).toHaveLength(1);
  expect(mine).toContain(`UID:urn:uuid:${jane}`);
  expect(mine).not.toContain("Secret");
  expect(await vcf({ kind: "selected", ids: [secret] })).toBe("");
  expect(await vcf({ kind: "selected", ids: [jane] }, other)).toBe("");
  const theirs = await vcf({ kind: "all" }, other);
  expect(theirs.match(/^BEGIN:VCARD$/gm)).toHaveLength(1);
  expect(theirs).toContain("FN:Secret");
});

test("the route: format=vcf is text/vcard named contacts-<date>.vcf, scoped and permission-checked like CSV", async () => {
  signIn(handle.db, adminId);
  const response = await GET(get(`/api/contacts/export?format=vcf&scope=selected&ids=${jane},${secret}&columns=firstName`));
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toBe("text/vcard; charset=utf-8");
  expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="contacts-\d{4}-\d{2}-\d{2}\.vcf"$/);
  const text = await response.text();
  // The columns parameter does not apply: the card has all its fields.
  expect(text).toContain("EMAIL;TYPE=INTERNET:jane@acme.example");
  expect(text.match(/^UID:/gm)).toEqual(["UID:"]);
  signIn(handle.db, agentId);
  expect((await GET(get("/api/contacts/export?format=vcf"))).status).toBe(403);
});

/** The contacts.exported entries of a vCard export, once the one for `rows` has been written (it is written as the stream ends). */
async function vcardAudits(until: (after: Record<string, unknown>) => boolean) {
  for (let i = 0; i < 40; i++) {
    const entries = await handle.db.select().from(auditLog).where(and(eq(auditLog.workspaceId, ctx.workspaceId), eq(auditLog.action, "contacts.exported")));
    const vcard = entries.map((e) => e.after as Record<string, unknown>).filter((a) => a.format === "vcf");
    if (vcard.some(until)) return vcard;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error("no such audit entry");
}

test("one audit entry: format vcf, the scope and the row count", async () => {
  // The one filtered vCard export of this file.
  await vcf({ kind: "filtered", query: parseContactQuery({ q: "doe" }) });
  const filtered = (await vcardAudits((a) => a.scope === "filtered")).filter((a) => a.scope === "filtered");
  expect(filtered).toEqual([expect.objectContaining({ format: "vcf", scope: "filtered", filter: expect.objectContaining({ q: "doe" }), rows: 1, aborted: false, columns: expect.arrayContaining(["phone", "lists"]) })]);
});

/** A stored value the way the export cleans it: CR LF or CR a newline, a tab a space, other control characters gone. */
function cleaned(value: string | null): string {
  return (value ?? "").replace(/\r\n?/g, "\n").replace(/\t/g, " ").replace(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g, "");
}

/** A text value as ical.js returns it for a vCard: it unescapes "\;" only inside N, ADR and ORG parts (RFC 6350 makes it optional elsewhere). */
function icalText(value: unknown): string {
  return String(value).replace(/\\;/g, ";");
}

/** An X- property's value: ical.js leaves it exactly as written (type "unknown"), so all of it is unescaped here. */
function unescaped(value: unknown): string {
  return String(value).replace(/\\([\\;,nN])/g, (_, c: string) => (c === "n" || c === "N" ? "\n" : c));
}

test("the whole file, many pages of it, read back by ical.js: each card's fields are the contact's", async () => {
  await handle.db.insert(contacts).values(
    Array.from({ length: BULK }, (_, i) => ({ workspaceId: ctx.workspaceId, displayName: `Bulk ${String(i).padStart(5, "0")}`, firstName: "Bulk", lastName: `N${i}`, email: `b${i}@x.test` })),
  );
  const text = await vcf({ kind: "all" });
  const stored = await handle.db.select().from(contacts).where(eq(contacts.workspaceId, ctx.workspaceId));
  const parsed = ICAL.parse(text) as unknown[];
  expect(parsed).toHaveLength(stored.length);
  const byId = new Map(stored.map((c) => [c.id, c]));
  const seen = new Set<string>();
  for (const jcal of parsed) {
    const card = new ICAL.Component(jcal as unknown[]);
    const uid = String(card.getFirstPropertyValue("uid"));
    const id = uid.replace(/^urn:uuid:/, "");
    const contact = byId.get(id);
    if (!contact) throw new Error(`a card for ${uid}, not a contact of this workspace`);
    seen.add(id);
    const value = (name: string) => card.getFirstProperty(name)?.getFirstValue() ?? null;
    expect(card.getFirstPropertyValue("version")).toBe("3.0");
    expect(icalText(value("fn"))).toBe(cleaned(contact.displayName).trim() || contact.phoneE164 || contact.email);
    expect(card.getFirstProperty("n")?.getValues()[0]).toEqual([contact.lastName ?? "", contact.firstName ?? "", "", "", ""]);
    expect(value("org")).toBe(contact.company);
    expect(value("tel")).toBe(contact.phoneE164);
    expect(value("email")).toBe(contact.email);
    expect(value("note") === null ? null : icalText(value("note"))).toBe(cleaned(contact.notes) || null);
    expect(value("tz")).toBe(contact.timezone);
    expect(value("x-switchboard-external-id") === null ? null : unescaped(value("x-switchboard-external-id"))).toBe(contact.externalId);
    if (contact.id === jane) {
      expect(card.getFirstProperty("adr")?.getValues()[0]).toEqual(["", "", "1 Main St", "Springfield", "NJ", "07081", "United States"]);
      expect(card.getFirstProperty("categories")?.getValues()).toEqual(["Customers", "Friends, family"]);
    }
  }
  expect(seen.size).toBe(stored.length);
});

test("a cancelled download stops after the rows sent, audits them as aborted and frees the connection", async () => {
  const reader = (await exportContacts(ctx, { format: "vcf", columns: [], scope: { kind: "all" } })).getReader();
  expect((await reader.read()).done).toBe(false);
  await reader.cancel();
  const entries = await vcardAudits((a) => a.aborted === true);
  const aborted = entries.find((a) => a.aborted === true);
  expect(aborted?.rows).toBeLessThan(BULK);
  if (handle.raw.kind === "pg") {
    await new Promise((r) => setTimeout(r, 100));
    expect(handle.raw.pool.totalCount).toBe(handle.raw.pool.idleCount);
  }
  expect(await vcf({ kind: "selected", ids: [jane] })).toContain("FN:Jane Doe");
});
