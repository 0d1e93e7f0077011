import { z } from "zod";
import { defineRoute } from "@/lib/auth/route";
import { errorReportStream } from "@/lib/import/error-report";
import { getImportJob } from "@/lib/import/jobs";
import { notFound } from "@/lib/result";

export const dynamic = "force-dynamic";

/** GET /api/imports/:id/errors — the failed rows as CSV, with reasons and original values. */
export const GET = defineRoute({
  permission: "contacts.import",
  params: z.object({ id: z.uuid({ error: "Unknown import." }) }),
  run: async (ctx, { params }) => {
    const job = await getImportJob(ctx, params.id);
    if (!job) return notFound();
    return new Response(errorReportStream(ctx, job), {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="import-errors-${job.id.slice(0, 8)}.csv"`,
        "cache-control": "no-store",
      },
    });
  },
});
