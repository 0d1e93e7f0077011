import { parseSearchParams } from "@/lib/validation/search-params";
import { parseSessionFilters, sessionFiltersSchema } from "@/lib/sessions/list";

const AGENT = "6f1c1f7e-8a4b-4c1e-9b7a-1d2e3f4a5b6c";

test.each<[Record<string, string | string[]>, object]>([
  [{}, { page: 1 }],
  [{ agent: AGENT, channel: "whatsapp", from: "2026-01-01", to: "2026-01-31", page: "4" }, { agent: AGENT, channel: "whatsapp", from: "2026-01-01", to: "2026-01-31", page: 4 }],
  [{ agent: "me", channel: "fax", page: "-2" }, { agent: undefined, channel: undefined, page: 1 }],
  // An impossible day used to reach PostgreSQL, which refused it: the page failed.
  [{ from: "2026-02-30", to: "2026-13-45" }, { from: undefined, to: undefined, page: 1 }],
  [{ channel: [" sms ", "email"], page: "2x" }, { channel: "sms", page: 2 }],
])("the Agent Portal reads %j leniently", (params, expected) => {
  expect(parseSessionFilters(params)).toEqual(expected);
});

test("strictly, each bad value is a field error named after its parameter", () => {
  expect(parseSearchParams(new URLSearchParams("agent=me&channel=fax&from=2026-02-30&page=0"), sessionFiltersSchema("strict"), "strict")).toMatchObject({
    ok: false,
    fieldErrors: { agent: "agent must be an id.", channel: "channel must be one of: sms, whatsapp, email.", from: "from must be a date (YYYY-MM-DD).", page: "page must be a whole number from 1." },
  });
});
