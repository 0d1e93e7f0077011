import { attributeSearchText, checkAttributeValue, dateOrderOf } from "@/lib/attributes/validation";
import { normalizeContact } from "@/lib/contacts/rules";

const defs = [
  { key: "tier", label: "Tier", type: "dropdown" as const, options: ["Gold", "Silver"] },
  { key: "renewal", label: "Renewal date", type: "date" as const, options: [] },
  { key: "seats", label: "Seats", type: "number" as const, options: [] },
  { key: "vip", label: "VIP", type: "boolean" as const, options: [] },
  { key: "note", label: "Note", type: "text" as const, options: [] },
];
const [tier, renewal, seats, vip, note] = defs;

test.each([
  [tier, "gold", "Gold"],
  [tier, "Silver", "Silver"],
  [renewal, "2026-02-28", "2026-02-28"],
  [seats, "1,250", 1250],
  [seats, "-3.5", -3.5],
  [seats, 42, 42],
  [vip, "Yes", true],
  [vip, "no", false],
  [vip, "1", true],
  [vip, false, false],
  [note, "  hello ", "hello"],
  [note, 7, "7"],
])("%o accepts %p as %p", (def, raw, value) => {
  expect(checkAttributeValue(def, raw)).toEqual({ ok: true, value });
});

test.each([
  [tier, "Bronze", "Tier must be one of: Gold, Silver."],
  [renewal, "2026-02-30", "Renewal date must be a date (YYYY-MM-DD)."],
  [renewal, "02/03/2026", "Renewal date must be a date (YYYY-MM-DD)."],
  [seats, "twelve", "Seats must be a number."],
  [seats, "1e5", "Seats must be a number."],
  [vip, "maybe", "VIP must be yes or no."],
  [note, "x".repeat(1001), "Note can be at most 1000 characters."],
  [note, { a: 1 }, "Note must be text."],
])("%o refuses %p: %s", (def, raw, message) => {
  expect(checkAttributeValue(def, raw)).toEqual({ ok: false, message });
});

test.each([
  ["mdy" as const, "12/31/2026", "2026-12-31"],
  ["mdy" as const, "3/4/2026", "2026-03-04"],
  ["dmy" as const, "3/4/2026", "2026-04-03"],
  ["dmy" as const, "31.12.2026", "2026-12-31"],
  ["dmy" as const, "2026-12-31", "2026-12-31"],
  ["mdy" as const, "2026-12-31", "2026-12-31"],
])("a date written the workspace's way (%s): %p is %p", (order, raw, value) => {
  expect(checkAttributeValue(renewal, raw, order)).toEqual({ ok: true, value });
});

test.each([
  ["mdy" as const, "31/12/2026", "Renewal date must be a date, like 12/31/2026 (MM/DD/YYYY)."],
  ["dmy" as const, "12/31/2026", "Renewal date must be a date, like 31/12/2026 (DD/MM/YYYY)."],
  ["dmy" as const, "29/02/2026", "Renewal date must be a date, like 31/12/2026 (DD/MM/YYYY)."],
  ["mdy" as const, "2026-02-30", "Renewal date must be a date, like 12/31/2026 (MM/DD/YYYY)."],
])("a date the workspace's way refuses %p %p, in that way's words", (order, raw, message) => {
  expect(checkAttributeValue(renewal, raw, order)).toEqual({ ok: false, message });
});

test("the workspace's country decides the order: month first in the US and the Philippines, day first elsewhere", () => {
  expect(dateOrderOf("US")).toBe("mdy");
  expect(dateOrderOf("ph")).toBe("mdy");
  expect(dateOrderOf("GB")).toBe("dmy");
  expect(dateOrderOf("DE")).toBe("dmy");
  const gb = normalizeContact({}, { renewal: "31/12/2026" }, { country: "GB", definitions: defs });
  expect(gb.errors).toEqual({});
  expect(gb.columns.attributes).toEqual({ renewal: "2026-12-31" });
});

test("empty values mean no value, for every type", () => {
  for (const def of defs) {
    expect(checkAttributeValue(def, "")).toEqual({ ok: true, value: undefined });
    expect(checkAttributeValue(def, null)).toEqual({ ok: true, value: undefined });
  }
});

test("the contact rules check attributes: field errors keyed attr.<key>, unknown keys refused, empties dropped, good values kept", () => {
  const rules = { country: "US", definitions: defs };
  const good = normalizeContact({}, { tier: "gold", seats: "", note: "x" }, rules);
  expect(good.errors).toEqual({});
  expect(good.columns).toMatchObject({ attributes: { tier: "Gold", note: "x" }, attributeText: "x Gold" });
  const bad = normalizeContact({}, { renewal: "soon", colour: "red", seats: "3" }, rules);
  expect(bad.errors).toEqual({ "attr.renewal": "Renewal date must be a date, like 12/31/2026 (MM/DD/YYYY).", "attr.colour": 'There is no custom attribute "colour".' });
  expect(bad.columns.attributes).toEqual({ seats: 3 });
});

test("only text and dropdown values are searchable, in key order", () => {
  expect(attributeSearchText(defs, { tier: "Gold", seats: 5, vip: true, note: "Key account", renewal: "2026-01-01" })).toBe("Key account Gold");
  expect(attributeSearchText(defs, { seats: 5 })).toBeNull();
});
