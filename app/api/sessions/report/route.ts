import { defineRoute } from "@/lib/auth/route";
import { sessionFiltersSchema } from "@/lib/sessions/list";
import { downloadSessionReport } from "@/lib/sessions/report";

export const dynamic = "force-dynamic";

/** GET /api/sessions/report?agent&channel&from&to — the Agent Portal's view as CSV (admin roles). */
export const GET = defineRoute({
  permission: "reports.download",
  query: sessionFiltersSchema("strict"),
  run: async (ctx, { query: { page: _page, ...filters } }) => {
    const date = new Date().toISOString().slice(0, 10);
    return new Response(await downloadSessionReport(ctx, filters), {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="session-report-${date}.csv"`,
        "cache-control": "no-store",
      },
    });
  },
});
