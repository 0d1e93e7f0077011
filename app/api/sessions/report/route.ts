import { authorizeRoute } from "@/lib/auth/route";
import { recordAudit } from "@/lib/audit/record";
import { parseSessionFilters } from "@/lib/sessions/list";
import { sessionReportStream } from "@/lib/sessions/report";

export const dynamic = "force-dynamic";

/** GET /api/sessions/report?agent&channel&from&to — the Agent Portal's view as CSV (admin roles). */
export async function GET(request: Request) {
  const auth = await authorizeRoute("reports.download");
  if (!auth.ok) return auth.response;
  const filters = parseSessionFilters(Object.fromEntries(new URL(request.url).searchParams));
  await recordAudit(auth.ctx.db, auth.ctx, { action: "sessions.report_downloaded", entityType: "session", after: filters });
  const date = new Date().toISOString().slice(0, 10);
  return new Response(sessionReportStream(auth.ctx, filters), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="session-report-${date}.csv"`,
      "cache-control": "no-store",
    },
  });
}
