import { isUuid } from "@/lib/auth/actor";
import { authorizeRoute } from "@/lib/auth/route";
import { errorReportStream } from "@/lib/import/error-report";
import { getImportJob } from "@/lib/import/jobs";

export const dynamic = "force-dynamic";

/** GET /api/imports/:id/errors — the failed rows as CSV, with reasons and original values. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const auth = await authorizeRoute("contacts.import");
  if (!auth.ok) return auth.response;
  const { id } = await params;
  const job = isUuid(id) ? await getImportJob(auth.ctx, id) : null;
  if (!job) return Response.json({ message: "Not found." }, { status: 404 });
  return new Response(errorReportStream(auth.ctx, job), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="import-errors-${job.id.slice(0, 8)}.csv"`,
      "cache-control": "no-store",
    },
  });
}
