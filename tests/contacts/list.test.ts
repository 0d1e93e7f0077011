import { sql } from "drizzle-orm";
import type { DatabaseHandle } from "@/db/client";
import { contacts } from "@/db/schema";
import type { Ctx } from "@/lib/auth/actor";
import { createContactAction, setFavoriteAction } from "@/lib/contacts/actions";
import { queryRows } from "@/db/query";
import { COUNT_CAP, listContacts } from "@/lib/contacts/list";
import { searchForPicker } from "@/lib/contacts/picker";
import { clampPageSize, contactQueryString, parseContactQuery } from "@/lib/contacts/query";
import { createTestDatabase } from "../support/db";
import { callerFor, createMember, createWorkspace, ctxFor } from "../support/fixtures";

let handle: DatabaseHandle;
let ctx: Ctx;
let otherCtx: Ctx;
const ids: Record<string, string> = {};

const PEOPLE = [
  { key: "jane", firstName: "Jane", lastName: "Doe", company: "Acme Corp", phone: "(201) 555-0123", email: "jane@acme.test", externalId: "CRM-77" },
  { key: "john", firstName: "John", lastName: "Smith", company: "Globex", phone: "+44 20 7946 0958", email: "john@globex.test" },
  { key: "ann", firstName: "Ann", lastName: "Lee", company: "Initech", phone: "+49 30 901820", email: "ann@initech.test", status: "blocked" },
  { key: "zoe", firstName: "Zoe", lastName: "Adams", phone: "(212) 555-0188", status: "inactive" },
  { key: "bob", firstName: "Bob", lastName: "Brown", company: "acme labs", email: "bob@brown.test" },
];

beforeAll(async () => {
  handle = await createTestDatabase();
  const workspace = await createWorkspace(handle.db, { defaultCountry: "US" });
  const agent = await createMember(handle.db, workspace.id, "user");
  ctx = await ctxFor(handle.db, agent.userId);
  for (const { key, ...person } of PEOPLE) {
    const result = await createContactAction.invoke(callerFor(handle.db, agent.userId), person);
    if (!result.ok) throw new Error(`${key}: ${result.message}`);
    ids[key] = result.data.id;
  }
  await setFavoriteAction.invoke(callerFor(handle.db, agent.userId), { ids: [ids.john, ids.zoe], starred: true });
  // Activity and sources set directly: sessions and imports arrive in later issues.
  await handle.db.execute(sql`UPDATE contacts SET last_activity_at = '2026-03-10T12:00:00Z', session_count = 3, source = 'import' WHERE id = ${ids.jane}`);
  await handle.db.execute(sql`UPDATE contacts SET last_activity_at = '2026-06-01T12:00:00Z', session_count = 1 WHERE id = ${ids.john}`);

  // A second workspace holding a look-alike: never visible from the first.
  const other = await createWorkspace(handle.db);
  const otherAgent = await createMember(handle.db, other.id, "user");
  otherCtx = await ctxFor(handle.db, otherAgent.userId);
  await createContactAction.invoke(callerFor(handle.db, otherAgent.userId), { firstName: "Jane", lastName: "Doe", phone: "(201) 555-0123" });
});
afterAll(() => handle.close());

async function names(params: Record<string, string>, context = ctx) {
  const page = await listContacts(context, parseContactQuery(params));
  return page.rows.map((r) => r.displayName);
}

describe("search", () => {
  test.each([
    ["jane", ["Jane Doe"]],
    ["DOE", ["Jane Doe"]],
    ["jane doe", ["Jane Doe"]],
    ["doe jane", ["Jane Doe"]],
    ["acme", ["Bob Brown", "Jane Doe"]],
    ["globex.test", ["John Smith"]],
    ["crm-77", ["Jane Doe"]],
    ["nobody", []],
    ["100%", []],
  ])("%s finds %j", async (q, expected) => {
    expect(await names({ q })).toEqual(expected);
  });

  test.each(["201 555 0123", "+1 (201) 555-0123", "5550123", "2015550123", "12015550123", "011 1 201 555 0123", "(201) 555-0123"])(
    "phone typed as %s finds Jane",
    async (q) => {
      expect(await names({ q })).toEqual(["Jane Doe"]);
    },
  );

  test("a UK national format finds the UK number", async () => {
    expect(await names({ q: "020 7946 0958" })).toEqual(["John Smith"]);
    expect(await names({ q: "7946" })).toEqual(["John Smith"]);
  });

  test("another workspace's contacts never appear", async () => {
    expect(await names({ q: "jane" }, otherCtx)).toEqual(["Jane Doe"]);
    const page = await listContacts(otherCtx, parseContactQuery({}));
    expect(page.total).toBe(1);
  });
});

describe("filters and sorts", () => {
  test.each([
    [{ status: "blocked" }, ["Ann Lee"]],
    [{ status: "inactive" }, ["Zoe Adams"]],
    [{ favorites: "1" }, ["John Smith", "Zoe Adams"]],
    [{ source: "import" }, ["Jane Doe"]],
    [{ country: "GB" }, ["John Smith"]],
    [{ country: "de" }, ["Ann Lee"]],
    [{ from: "2026-03-01", to: "2026-03-31" }, ["Jane Doe"]],
    [{ from: "2026-03-10", to: "2026-03-10" }, ["Jane Doe"]],
    [{ from: "2026-04-01" }, ["John Smith"]],
    [{ to: "2026-12-31" }, ["Jane Doe", "John Smith"]],
    [{ q: "acme", status: "active" }, ["Bob Brown", "Jane Doe"]],
    [{ status: "bogus" }, ["Ann Lee", "Bob Brown", "Jane Doe", "John Smith", "Zoe Adams"]],
  ])("%j → %j", async (params, expected) => {
    expect(await names(params)).toEqual(expected);
  });

  test("sorts: name, company (empty last), recent activity, created", async () => {
    expect(await names({ sort: "name" })).toEqual(["Ann Lee", "Bob Brown", "Jane Doe", "John Smith", "Zoe Adams"]);
    expect(await names({ sort: "company" })).toEqual(["Jane Doe", "Bob Brown", "John Smith", "Ann Lee", "Zoe Adams"]);
    expect((await names({ sort: "activity" })).slice(0, 2)).toEqual(["John Smith", "Jane Doe"]);
    expect(await names({ sort: "created" })).toEqual(["Bob Brown", "Zoe Adams", "Ann Lee", "John Smith", "Jane Doe"]);
  });

  test("rows carry the formatted phone and the user's star", async () => {
    const page = await listContacts(ctx, parseContactQuery({ q: "john" }));
    expect(page.rows[0]).toMatchObject({ phone: "+44 20 7946 0958", phoneE164: "+442079460958", starred: true, sessionCount: 1 });
    const jane = await listContacts(ctx, parseContactQuery({ q: "jane" }));
    expect(jane.rows[0]).toMatchObject({ phone: "(201) 555-0123", starred: false });
  });
});

describe("pagination", () => {
  test("pages of 2: totals, page count, and every contact exactly once, forwards and from the end", async () => {
    const seen: string[] = [];
    for (let page = 1; page <= 3; page++) {
      const result = await listContacts(ctx, { ...parseContactQuery({ page: String(page) }), size: 2 });
      expect(result).toMatchObject({ total: 5, totalExact: true, pages: 3, page });
      seen.push(...result.rows.map((r) => r.displayName));
    }
    expect(seen).toEqual(["Ann Lee", "Bob Brown", "Jane Doe", "John Smith", "Zoe Adams"]);
  });

  test("a page beyond the last shows the last page", async () => {
    const result = await listContacts(ctx, parseContactQuery({ page: "99", size: "10" }));
    expect(result).toMatchObject({ page: 1, pages: 1 });
    expect(result.rows).toHaveLength(5);
  });

  test.each([
    ["10", 10],
    ["20", 20],
    ["50", 50],
    ["100", 100],
    ["7", 10],
    ["35", 20],
    ["1000", 100],
    ["abc", 50],
    [undefined, 50],
  ])("page size %s → %d", (raw, expected) => {
    expect(clampPageSize(raw)).toBe(expected);
  });

  test("query state round-trips through the URL, leaving defaults out", () => {
    const query = parseContactQuery({ q: "jane", status: "active", favorites: "1", sort: "company", size: "20", page: "3", from: "2026-01-01" });
    // Parameters in the filter registry's order (the order of their SQL conditions), then sort, size and page.
    expect(contactQueryString(query)).toBe("?q=jane&status=active&from=2026-01-01&favorites=1&sort=company&size=20&page=3");
    expect(parseContactQuery(Object.fromEntries(new URLSearchParams(contactQueryString(query))))).toEqual(query);
    expect(contactQueryString(parseContactQuery({}))).toBe("");
    expect(parseContactQuery({ page: "-4", from: "2026-13-45" })).toMatchObject({ page: 1, activityFrom: undefined });
  });
});

test("above the count cap a filtered total is an estimate, and still pages", async () => {
  const workspace = await createWorkspace(handle.db);
  const member = await createMember(handle.db, workspace.id, "user");
  const big = await ctxFor(handle.db, member.userId);
  const rows = Array.from({ length: COUNT_CAP + 500 }, (_, i) => ({
    workspaceId: workspace.id,
    displayName: `Person ${String(i).padStart(6, "0")}`,
    email: `p${i}@bulk.test`,
  }));
  for (let i = 0; i < rows.length; i += 2000) await handle.db.insert(contacts).values(rows.slice(i, i + 2000));
  await handle.db.execute(sql`UPDATE workspaces SET contact_count = ${rows.length} WHERE id = ${workspace.id}`);
  await handle.db.execute(sql`ANALYZE contacts`);

  const unfiltered = await listContacts(big, parseContactQuery({}));
  expect(unfiltered).toMatchObject({ total: rows.length, totalExact: true });
  const lastPage = await listContacts(big, parseContactQuery({ page: String(unfiltered.pages) }));
  expect(lastPage.rows.at(-1)?.displayName).toBe(`Person ${String(rows.length - 1).padStart(6, "0")}`);

  const filtered = await listContacts(big, parseContactQuery({ q: "person" }));
  expect(filtered.totalExact).toBe(false);
  expect(filtered.total).toBeGreaterThan(COUNT_CAP);
  expect(filtered.rows).toHaveLength(50);

  // A narrow search that fills less than a page is its own exact total; one
  // that fills the page is counted.
  // The search's meaning: every word of the query somewhere in name or email.
  const matching = (q: string) =>
    rows.filter((r) => q.split(" ").every((word) => `${r.displayName} ${r.email}`.toLowerCase().includes(word))).map((r) => r.displayName);
  const narrow = await listContacts(big, parseContactQuery({ q: "p123@" }));
  expect(narrow).toMatchObject({ total: 1, totalExact: true, pages: 1 });
  expect(narrow.rows.map((r) => r.displayName)).toEqual(matching("p123@"));
  const fullPage = await listContacts(big, parseContactQuery({ q: "person 0012" }));
  expect(matching("person 0012").length).toBeGreaterThan(50);
  expect(fullPage).toMatchObject({ total: matching("person 0012").length, totalExact: true });
  expect(fullPage.rows.map((r) => r.displayName)).toEqual(matching("person 0012").slice(0, 50));

  // A list page counts its members exactly, past the cap too.
  const [list] = await queryRows<{ id: string }>(handle.db, sql`INSERT INTO lists (workspace_id, name) VALUES (${workspace.id}, 'Bulk') RETURNING id`);
  await handle.db.execute(sql`INSERT INTO list_members (workspace_id, list_id, contact_id)
    SELECT workspace_id, ${list.id}, id FROM contacts WHERE workspace_id = ${workspace.id} AND display_name < 'Person 001100'`);
  const members = await listContacts(big, parseContactQuery({ list: list.id }));
  expect(members).toMatchObject({ total: COUNT_CAP + 100, totalExact: true, pages: Math.ceil((COUNT_CAP + 100) / 50) });
  const lastMembers = await listContacts(big, parseContactQuery({ list: list.id, page: String(members.pages) }));
  expect(lastMembers.rows.at(-1)?.displayName).toBe("Person 001099");
  // With a second filter the list is counted through the contacts (capped).
  const listAndSearch = await listContacts(big, parseContactQuery({ list: list.id, q: "person 0010" }));
  const inList = matching("person 0010").filter((name) => name < "Person 001100");
  expect(inList.length).toBeGreaterThan(50);
  expect(listAndSearch).toMatchObject({ total: inList.length, totalExact: true });
});

test("the picker search puts the user's favorites first and returns at most the limit", async () => {
  const all = await searchForPicker(ctx, "", 20);
  expect(all.map((c) => c.name)).toEqual(["John Smith", "Zoe Adams", "Ann Lee", "Bob Brown", "Jane Doe"]);
  expect(all[0]).toMatchObject({ starred: true, phone: "+44 20 7946 0958" });
  expect((await searchForPicker(ctx, "555 0123", 20)).map((c) => c.name)).toEqual(["Jane Doe"]);
  expect(await searchForPicker(ctx, "", 2)).toHaveLength(2);
});
