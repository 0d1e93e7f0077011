import { z } from "zod";
import type { AttributeDefinition } from "@/db/schema";
import { FILTERS, filterChips, isFiltered, type FilterKey, type FilterNames } from "@/lib/contacts/filters";
import { contactQuerySchema, contactQueryString, parseContactQuery, type ContactQuery } from "@/lib/contacts/query";

const LIST = "6f1c1f7e-8a4b-4c1e-9b7a-1d2e3f4a5b6c";
const def = (key: string, label: string, type: AttributeDefinition["type"], options: string[] = []) =>
  ({ workspaceId: "w", id: key, key, label, type, options, createdAt: new Date(0) }) as AttributeDefinition;
const DEFS = [def("tier", "Tier", "dropdown", ["Gold", "Silver"]), def("vip", "VIP", "boolean"), def("score", "Score", "number"), def("renewal", "Renewal", "date"), def("note", "Note", "text")];
const NAMES: FilterNames = { lists: [{ id: LIST, name: "Renewals Q1" }], attributes: DEFS };

const base = parseContactQuery({});
const roundTrip = (query: ContactQuery) => parseContactQuery(new URLSearchParams(contactQueryString(query)));

describe("every filter round-trips through the URL", () => {
  const CASES: [FilterKey, Partial<ContactQuery>][] = [
    ["q", { q: "jane doe" }],
    ["status", { status: "blocked" }],
    ["source", { source: "inbound" }],
    ["country", { country: "GB" }],
    ["activityFrom", { activityFrom: "2026-01-31" }],
    ["activityTo", { activityTo: "2024-02-29" }],
    ["listId", { listId: LIST }],
    ["consent", { consent: { sms: "unsubscribed", email: "not_subscribed" } }],
    ["attributes", { attributes: { "renewal.from": "2026-01-01", "score.min": "5", tier: "Gold" } }],
    ["favorites", { favorites: true }],
  ];

  test("the cases cover the registry", () => {
    expect(CASES.map(([key]) => key)).toEqual(FILTERS.map((f) => f.key));
  });

  test.each(CASES)("%s", (_key, changes) => {
    const query = { ...base, ...changes };
    expect(roundTrip(query)).toEqual(query);
    expect(isFiltered(query)).toBe(true);
  });

  test("all of them at once, with sort, size and page", () => {
    const query: ContactQuery = { ...base, ...Object.assign({}, ...CASES.map(([, changes]) => changes)), sort: "activity", size: 100, page: 7 };
    expect(roundTrip(query)).toEqual(query);
    expect(parseContactQuery(Object.fromEntries(new URLSearchParams(contactQueryString(query))))).toEqual(query);
  });

  test("the empty query is the empty string, and filters nothing", () => {
    expect(contactQueryString(base)).toBe("");
    expect(base).toEqual({ q: "", consent: {}, attributes: {}, favorites: false, sort: "name", size: 50, page: 1 });
    expect(isFiltered(base)).toBe(false);
  });

  test("the strict schema reads what the lenient one writes", () => {
    const query: ContactQuery = { ...base, status: "active", consent: { whatsapp: "subscribed" }, attributes: { tier: "Silver" }, size: 20, page: 2 };
    expect(parseContactQuery(new URLSearchParams(contactQueryString(query)), { strict: true, attributes: DEFS })).toEqual({ ok: true, data: query });
  });
});

describe("a page reads a hand-edited URL without failing", () => {
  test.each<[Record<string, string | string[]>, Partial<ContactQuery>]>([
    [{ status: "bogus", source: "nowhere", sort: "random" }, { status: undefined, source: undefined, sort: "name" }],
    [{ country: "gbr" }, { country: undefined }],
    [{ country: " gb " }, { country: "GB" }],
    [{ from: "2026-02-30", to: "2026-13-01" }, { activityFrom: undefined, activityTo: undefined }],
    [{ from: "yesterday", to: "2026-1-5" }, { activityFrom: undefined, activityTo: undefined }],
    [{ list: "not-a-uuid" }, { listId: undefined }],
    [{ "consent.sms": "maybe", "consent.fax": "subscribed", "consent.email": "subscribed" }, { consent: { email: "subscribed" } }],
    [{ favorites: "yes" }, { favorites: false }],
    [{ size: "7" }, { size: 10 }],
    [{ size: "1000" }, { size: 100 }],
    [{ size: "abc" }, { size: 50 }],
    [{ page: "0" }, { page: 1 }],
    [{ page: "-4" }, { page: 1 }],
    [{ page: "3abc" }, { page: 3 }],
    [{ page: "many" }, { page: 1 }],
    [{ q: "  jane  " }, { q: "jane" }],
    [{ q: "x".repeat(500) }, { q: "x".repeat(200) }],
    [{ q: "a\u0000b" }, { q: "ab" }],
    [{ q: "   " }, { q: "" }],
    [{ status: ["blocked", "active"], q: ["first", "second"] }, { status: "blocked", q: "first" }],
    [{ "a.Tier": "Gold", "a.tier.between": "1", "a.": "x", "a.tier": "Gold" }, { attributes: { tier: "Gold" } }],
    [{ "a.note": "y".repeat(300) }, { attributes: { note: "y".repeat(200) } }],
  ])("%j", (params, expected) => {
    expect(parseContactQuery(params)).toEqual({ ...base, ...expected });
  });

  test("nothing a URL can hold makes the lenient parse throw", () => {
    let seed = 7;
    const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    const pieces = ["", " ", "a.", "consent.", "sms", "tier", ".min", "2026-02-29", "1", "-1", "\u0000", "é", "\ud800", "%", "_", "GB", LIST, "blocked", "[]"];
    const names = ["q", "status", "source", "country", "from", "to", "list", "favorites", "sort", "size", "page", "consent.sms", "a.tier", "a.score.min", "a.x.y.z", "__proto__", "constructor"];
    for (let i = 0; i < 2000; i++) {
      const params: Record<string, string | string[]> = {};
      for (let j = 0; j < 4; j++) {
        const value = Array.from({ length: 3 }, () => pieces[Math.floor(random() * pieces.length)]).join("");
        params[names[Math.floor(random() * names.length)]] = random() < 0.2 ? [value, "x"] : value;
      }
      expect(() => parseContactQuery(params)).not.toThrow();
    }
  });
});

describe("strict parsing names the field", () => {
  test.each<[Record<string, string | string[]>, string]>([
    [{ status: "bogus" }, "status"],
    [{ source: "x" }, "source"],
    [{ country: "GBR" }, "country"],
    [{ from: "2026-02-30" }, "from"],
    [{ to: "soon" }, "to"],
    [{ list: "12" }, "list"],
    [{ "consent.whatsapp": "maybe" }, "consent.whatsapp"],
    [{ favorites: "yes" }, "favorites"],
    [{ sort: "random" }, "sort"],
    [{ size: "7" }, "size"],
    [{ page: "0" }, "page"],
    [{ page: "2.5" }, "page"],
    [{ q: "x".repeat(201) }, "q"],
    [{ "a.Tier": "Gold" }, "a.Tier"],
    [{ "a.note": "y".repeat(201) }, "a.note"],
  ])("%j → %s", (params, field) => {
    const result = parseContactQuery(params, { strict: true });
    expect(result).toMatchObject({ ok: false, code: "invalid", fieldErrors: { [field]: expect.any(String) } });
    if (!result.ok) expect(Object.keys(result.fieldErrors ?? {})).toEqual([field]);
  });

  test("every bad field at once, each with its message", () => {
    expect(parseContactQuery({ status: "bogus", size: "7", "consent.sms": "maybe" }, { strict: true })).toEqual({
      ok: false,
      code: "invalid",
      message: "Please correct the highlighted fields.",
      fieldErrors: {
        status: "status must be one of: active, inactive, blocked.",
        "consent.sms": "consent.sms must be one of: not_subscribed, subscribed, unsubscribed.",
        size: "size must be one of: 10, 20, 50, 100.",
      },
    });
  });

  test.each<[Record<string, string>, string]>([
    [{ "a.tier": "Platinum" }, "Tier must be one of: Gold, Silver."],
    [{ "a.vip": "maybe" }, "VIP must be yes or no."],
    [{ "a.score.min": "lots" }, "Score must be a number."],
    [{ "a.renewal.to": "2026-02-30" }, "Renewal must be a date (YYYY-MM-DD)."],
    [{ "a.plan": "pro" }, 'There is no custom attribute "plan".'],
    [{ "a.score": "5" }, "Filter Score with a.score.min and a.score.max."],
    [{ "a.renewal.min": "2026-01-01" }, "Filter Renewal with a.renewal.from and a.renewal.to."],
    [{ "a.tier.from": "Gold" }, "Filter Tier with a.tier, by one value."],
  ])("given the attributes, %j is refused", (params, message) => {
    const name = Object.keys(params)[0];
    expect(parseContactQuery(params, { strict: true, attributes: DEFS })).toMatchObject({ ok: false, fieldErrors: { [name]: message } });
  });

  test("good values parse as the page reads them; empty values are absent", () => {
    const params = { q: "acme", status: "active", country: "gb", from: "2026-01-01", "a.tier": "gold", "a.score.max": "10", favorites: "1", size: "", page: "2" };
    expect(parseContactQuery(params, { strict: true, attributes: DEFS })).toEqual({ ok: true, data: parseContactQuery(params) });
  });

  test("the schema takes defineRoute's query object, repeated names as arrays (the first counts)", () => {
    const parsed = contactQuerySchema("strict").safeParse({ status: ["inactive", "bogus"], page: "3" });
    expect(parsed.success && parsed.data).toMatchObject({ status: "inactive", page: 3 });
  });

  test("an API adds its own parameters beside it, and gets both kinds of field errors", () => {
    const api = z.intersection(z.object({ limit: z.coerce.number().int().max(500).default(100) }), contactQuerySchema("strict"));
    expect(api.parse({ limit: "20", status: "blocked" })).toMatchObject({ limit: 20, status: "blocked", page: 1 });
    const failed = api.safeParse({ limit: "2000", status: "x" });
    expect(failed.error?.issues.map((i) => i.path.join("."))).toEqual(["limit", "status"]);
  });
});

describe("toolbar", () => {
  const query: ContactQuery = {
    ...base,
    q: "acme",
    status: "blocked",
    source: "import",
    country: "GB",
    activityFrom: "2026-01-01",
    activityTo: "2026-03-31",
    listId: LIST,
    consent: { sms: "unsubscribed", email: "subscribed" },
    attributes: { note: "vip", "score.min": "5", tier: "Gold", unknown: "x" },
    favorites: true,
  };

  test("a chip per active filter (not the search), and its removal drops only that filter", () => {
    const chips = filterChips(query, NAMES, ["q"]);
    expect(chips.map((c) => c.label)).toEqual([
      "Status: Blocked",
      "Source: Import",
      "Phone country: GB",
      "Last activity from 2026-01-01",
      "Last activity to 2026-03-31",
      "List: Renewals Q1",
      "SMS consent: Unsubscribed",
      "Email consent: Subscribed",
      "Note contains “vip”",
      "Score at least 5",
      "Tier: Gold",
      "Favorites only",
    ]);
    for (const chip of chips) {
      const without = roundTrip({ ...query, ...chip.without, page: 1 });
      const removed = new URLSearchParams(contactQueryString(query)).size - new URLSearchParams(contactQueryString(without)).size;
      expect([chip.id, removed]).toEqual([chip.id, 1]);
    }
  });

  test("a fixed list is neither a chip nor 'filtered'", () => {
    const onListPage = { ...base, listId: LIST };
    expect(isFiltered(onListPage)).toBe(true);
    expect(isFiltered(onListPage, ["q", "listId"])).toBe(false);
    expect(filterChips(onListPage, NAMES, ["q", "listId"])).toEqual([]);
    expect(filterChips(onListPage, { ...NAMES, lists: [] }).map((c) => c.label)).toEqual(["List: a deleted list"]);
  });
});
