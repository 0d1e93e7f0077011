import { PgDialect } from "drizzle-orm/pg-core";
import type { SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import type { AttributeDefinition } from "@/db/schema";
import type { Ctx } from "@/lib/auth/actor";
import { contactConditions } from "@/lib/contacts/filters";
import { listContacts, listFavorites } from "@/lib/contacts/list";
import { searchForPicker } from "@/lib/contacts/picker";
import { parseContactQuery } from "@/lib/contacts/query";

// The statements the contacts list sends for representative URLs, recorded by
// a stand-in database that answers counts and pages as told. The list was
// tuned for 1,000,000 contacts (index choices, count caps, maintained value
// counts): a refactor of how the URL becomes SQL must send exactly these.
// The snapshot was recorded before the query schema and filter registry
// replaced the hand-written parsing and conditions.

const dialect = new PgDialect();
const WORKSPACE = "00000000-0000-4000-8000-00000000000a";
const USER = "00000000-0000-4000-8000-00000000000b";
const LIST = "00000000-0000-4000-8000-0000000000c1";

const def = (key: string, type: AttributeDefinition["type"], options: string[] = []): AttributeDefinition => ({
  workspaceId: WORKSPACE,
  id: `00000000-0000-4000-8000-0000000000${String(key.length).padStart(2, "0")}`,
  key,
  label: key,
  type,
  options,
  createdAt: new Date("2026-01-01T00:00:00Z"),
});
const DEFS = [def("tier", "dropdown", ["Gold", "Silver"]), def("vip", "boolean"), def("score", "number"), def("renewal", "date"), def("note", "text")];

type Answers = { usage?: number; count?: number; rows?: number; estimate?: number };

function recordingCtx(answers: Answers) {
  const statements: { sql: string; params: unknown[] }[] = [];
  const execute = async (query: SQL) => {
    const compiled = dialect.sqlToQuery(query);
    statements.push({ sql: compiled.sql, params: compiled.params });
    const text = compiled.sql;
    if (text.startsWith("EXPLAIN")) return { rows: [{ "QUERY PLAN": [{ Plan: { "Plan Rows": answers.estimate ?? 5000 } }] }] };
    if (text.includes("count(*)")) return { rows: [{ n: answers.count ?? 0 }] };
    if (text.includes("attribute_value_counts")) return { rows: [{ n: answers.count ?? 0, parts: 1 }] };
    const rows = Array.from({ length: answers.rows ?? 0 }, (_, i) => ({ id: `row-${i}`, display_name: `Row ${i}`, created_at: "2026-01-01T00:00:00Z", attributes: {} }));
    return { rows };
  };
  const ctx = {
    db: { execute } as unknown as Db,
    workspaceId: WORKSPACE,
    actor: { userId: USER, email: "a@example.test", name: "A", role: "admin", workspace: { id: WORKSPACE, defaultCountry: "US" } },
  } as unknown as Ctx;
  return { ctx, statements };
}

const CASES: [string, Record<string, string>, Answers][] = [
  ["unfiltered first page", {}, { usage: 120_000, rows: 50 }],
  ["unfiltered middle page", { page: "3", size: "20" }, { usage: 1000, rows: 20 }],
  ["unfiltered late page, walked from the end", { page: "40", size: "20" }, { usage: 1000, rows: 20 }],
  ["unfiltered page past the last", { page: "999" }, { usage: 120, rows: 20 }],
  ["sorted by company", { sort: "company" }, { usage: 10, rows: 10 }],
  ["sorted by activity, page 2", { sort: "activity", page: "2", size: "10" }, { usage: 100, rows: 10 }],
  ["sorted by created, last page", { sort: "created", page: "10", size: "10" }, { usage: 100, rows: 10 }],
  ["a name, less than a page", { q: "jane" }, { rows: 3 }],
  ["a name, a full page", { q: "jane", size: "10" }, { rows: 10, count: 40 }],
  ["a short term counts at once", { q: "ann" }, { rows: 50, count: 300 }],
  ["two words", { q: "Jane  Doe" }, { rows: 1 }],
  ["LIKE metacharacters", { q: "100%_\\x" }, { rows: 0 }],
  ["a phone in national format", { q: "(201) 555-0123" }, { rows: 1 }],
  ["a phone in international format", { q: "+44 20 7946 0958" }, { rows: 1 }],
  ["part of a phone", { q: "5550123" }, { rows: 1 }],
  ["search past the count cap: estimated", { q: "person", page: "2" }, { count: 1001, estimate: 12_000, rows: 50 }],
  ["search past the count cap, a late page", { q: "pe", page: "200" }, { count: 1001, estimate: 12_000, rows: 50 }],
  ["status, source, country, activity range", { status: "blocked", source: "import", country: "gb", from: "2026-01-01", to: "2026-03-31" }, { count: 7, rows: 7 }],
  ["favorites only", { favorites: "1" }, { count: 2, rows: 2 }],
  ["consent per channel", { "consent.sms": "unsubscribed", "consent.whatsapp": "not_subscribed", "consent.email": "subscribed" }, { count: 9, rows: 9 }],
  ["a list page", { list: LIST }, { count: 500, rows: 50 }],
  ["a list page, late: from the end", { list: LIST, page: "9" }, { count: 500, rows: 50 }],
  ["a list page by activity", { list: LIST, sort: "activity", page: "2", size: "100" }, { count: 500, rows: 100 }],
  ["a list and a search", { list: LIST, q: "person 0010" }, { rows: 50, count: 120 }],
  ["one dropdown value: the maintained count", { "a.tier": "gold" }, { count: 2000, rows: 50 }],
  ["one dropdown value, page 21", { "a.tier": "Gold", page: "21" }, { count: 2000, rows: 50 }],
  ["one boolean value", { "a.vip": "yes" }, { count: 30, rows: 30 }],
  ["a dropdown value and a status", { "a.tier": "Gold", status: "active" }, { count: 20, rows: 20 }],
  ["every attribute type", { "a.score.min": "5", "a.score.max": "10.5", "a.renewal.from": "2026-01-01", "a.renewal.to": "2026-12-31", "a.note": "50%" }, { count: 3, rows: 3 }],
  ["attribute filters that do not fit are ignored", { "a.tier": "Platinum", "a.unknown": "x", "a.score.from": "1", "a.renewal": "2026-01-01", "a.score.min": "many" }, { count: 4, rows: 4 }],
  ["everything at once", { q: "acme", status: "active", source: "manual", country: "US", from: "2026-01-01", to: "2026-12-31", list: LIST, "consent.sms": "subscribed", "a.tier": "Silver", favorites: "1", sort: "company", size: "100", page: "2" }, { count: 150, rows: 50 }],
  ["bad values are ignored", { status: "bogus", source: "x", country: "GBR", from: "2026-13-45", to: "yesterday", list: "not-a-uuid", "consent.sms": "maybe", favorites: "yes", sort: "random", size: "abc", page: "-4" }, { usage: 10, rows: 10 }],
];

describe("the contacts list sends the same SQL", () => {
  test.each(CASES)("%s", async (_name, params, answers) => {
    const { ctx, statements } = recordingCtx(answers);
    await listContacts(ctx, parseContactQuery(params), {
      usage: async () => ({ count: answers.usage ?? 0, limit: null }),
      defs: async () => DEFS,
    });
    expect(statements).toMatchSnapshot();
  });

  test.each(CASES)("the WHERE clause export uses: %s", (_name, params) => {
    const { ctx } = recordingCtx({});
    const compiled = dialect.sqlToQuery(contactConditions(ctx, parseContactQuery(params), DEFS));
    expect(compiled).toMatchSnapshot();
  });

  test("favorites section and invite picker", async () => {
    const { ctx, statements } = recordingCtx({ rows: 2 });
    await listFavorites(ctx, 13);
    await searchForPicker(ctx, "jane");
    await searchForPicker(ctx, "+1 201 555 0123", 5);
    expect(statements).toMatchSnapshot();
  });
});
