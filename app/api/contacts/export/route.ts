import { isUuid } from "@/lib/auth/actor";
import { authorizeRoute } from "@/lib/auth/route";
import { parseContactQuery } from "@/lib/contacts/query";
import { exportContacts, type ExportScope } from "@/lib/export/contacts";

export const dynamic = "force-dynamic";

/**
 * GET /api/contacts/export?format=csv|xlsx&scope=all|filtered|selected
 *   &columns=firstName,phone,…  (empty: every column)
 *   &ids=…,…                    (scope=selected)
 *   &q=…&status=…               (scope=filtered: the contacts page's own URL filters)
 */
export async function GET(request: Request) {
  const auth = await authorizeRoute("contacts.export");
  if (!auth.ok) return auth.response;
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const format = params.format === "xlsx" ? "xlsx" : "csv";
  const ids = (params.ids ?? "").split(",").filter(isUuid).slice(0, 1000);
  const scope: ExportScope =
    params.scope === "selected" ? { kind: "selected", ids } : params.scope === "filtered" ? { kind: "filtered", query: parseContactQuery(params) } : { kind: "all" };
  const columns = (params.columns ?? "").split(",").filter(Boolean).slice(0, 200);
  const body = await exportContacts(auth.ctx, { format, columns, scope });
  const date = new Date().toISOString().slice(0, 10);
  return new Response(body, {
    headers: {
      "content-type": format === "csv" ? "text/csv; charset=utf-8" : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "content-disposition": `attachment; filename="contacts-${date}.${format}"`,
      "cache-control": "no-store",
    },
  });
}
