import { z } from "zod";
import { isUuid } from "@/lib/auth/actor";
import { defineRoute } from "@/lib/auth/route";
import { contactQuerySchema } from "@/lib/contacts/query";
import { EXPORT_CONTENT_TYPES, EXPORT_FORMATS, exportContacts, type ExportRequest } from "@/lib/export/contacts";
import { enumParam, searchParamsObject } from "@/lib/validation/search-params";

export const dynamic = "force-dynamic";

function commaList(max: number, noun: string) {
  return z
    .string()
    .default("")
    .transform((text) => text.split(",").filter(Boolean))
    .pipe(z.array(z.string()).max(max, { error: `Choose at most ${max} ${noun}.` }));
}

/**
 * GET /api/contacts/export?format=csv|xlsx|vcf&scope=all|filtered|selected
 *   &columns=firstName,phone,…  (empty: every column; a vCard has its own fields and ignores it)
 *   &ids=…,…                    (scope=selected)
 *   &q=…&status=…               (scope=filtered: the contacts page's own URL filters)
 */
export const GET = defineRoute({
  permission: "contacts.export",
  // The export's own parameters beside the contacts page's (strict: a bad filter is a field error, not ignored).
  query: z
    .intersection(
      searchParamsObject({
        format: enumParam(EXPORT_FORMATS, "format").default("csv"),
        scope: enumParam(["all", "filtered", "selected"], "scope").default("all"),
        columns: commaList(200, "columns"),
        ids: commaList(1000, "contacts").refine((ids) => ids.every(isUuid), { error: "Select contacts by their ids." }),
      }),
      contactQuerySchema("strict"),
    )
    .transform(({ format, scope, columns, ids, ...query }): ExportRequest => ({
      format,
      columns,
      scope: scope === "selected" ? { kind: "selected", ids } : scope === "filtered" ? { kind: "filtered", query } : { kind: "all" },
    })),
  run: async (ctx, { query }) => {
    const body = await exportContacts(ctx, query);
    const date = new Date().toISOString().slice(0, 10);
    return new Response(body, {
      headers: {
        "content-type": EXPORT_CONTENT_TYPES[query.format],
        "content-disposition": `attachment; filename="contacts-${date}.${query.format}"`,
        "cache-control": "no-store",
      },
    });
  },
});
