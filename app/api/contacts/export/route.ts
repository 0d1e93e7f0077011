import { z } from "zod";
import { isUuid } from "@/lib/auth/actor";
import { defineRoute } from "@/lib/auth/route";
import { parseContactQuery } from "@/lib/contacts/query";
import { exportContacts, type ExportRequest, type ExportScope } from "@/lib/export/contacts";

export const dynamic = "force-dynamic";

function commaList(max: number, noun: string) {
  return z
    .string()
    .default("")
    .transform((text) => text.split(",").filter(Boolean))
    .pipe(z.array(z.string()).max(max, { error: `Choose at most ${max} ${noun}.` }));
}

function exportScope(scope: "all" | "filtered" | "selected", ids: string[], filters: Record<string, unknown>): ExportScope {
  if (scope === "selected") return { kind: "selected", ids };
  // The rest of the query string is the contacts page's own URL, read by the page's parser.
  if (scope === "filtered") return { kind: "filtered", query: parseContactQuery(filters as Record<string, string | string[]>) };
  return { kind: "all" };
}

/**
 * GET /api/contacts/export?format=csv|xlsx&scope=all|filtered|selected
 *   &columns=firstName,phone,…  (empty: every column)
 *   &ids=…,…                    (scope=selected)
 *   &q=…&status=…               (scope=filtered: the contacts page's own URL filters)
 */
export const GET = defineRoute({
  permission: "contacts.export",
  query: z
    .looseObject({
      format: z.enum(["csv", "xlsx"], { error: "Choose csv or xlsx." }).default("csv"),
      scope: z.enum(["all", "filtered", "selected"], { error: "Choose all, filtered or selected." }).default("all"),
      columns: commaList(200, "columns"),
      ids: commaList(1000, "contacts").refine((ids) => ids.every(isUuid), { error: "Select contacts by their ids." }),
    })
    .transform(({ format, scope, columns, ids, ...filters }): ExportRequest => ({ format, columns, scope: exportScope(scope, ids, filters) })),
  run: async (ctx, { query }) => {
    const body = await exportContacts(ctx, query);
    const date = new Date().toISOString().slice(0, 10);
    return new Response(body, {
      headers: {
        "content-type": query.format === "csv" ? "text/csv; charset=utf-8" : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "content-disposition": `attachment; filename="contacts-${date}.${query.format}"`,
        "cache-control": "no-store",
      },
    });
  },
});
