import { z } from "zod";
import { channelEnum } from "@/db/schema";
import { defineRoute } from "@/lib/auth/route";
import { downloadSessionReport } from "@/lib/sessions/report";

export const dynamic = "force-dynamic";

/** GET /api/sessions/report?agent&channel&from&to — the Agent Portal's view as CSV (admin roles). */
export const GET = defineRoute({
  permission: "reports.download",
  query: z.object({
    agent: z.uuid({ error: "Choose an agent from the list." }).optional(),
    channel: z.enum(channelEnum.enumValues, { error: "Choose SMS, WhatsApp or email." }).optional(),
    from: z.iso.date({ error: "Enter a date as YYYY-MM-DD." }).optional(),
    to: z.iso.date({ error: "Enter a date as YYYY-MM-DD." }).optional(),
  }),
  run: async (ctx, { query }) => {
    const date = new Date().toISOString().slice(0, 10);
    return new Response(await downloadSessionReport(ctx, query), {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="session-report-${date}.csv"`,
        "cache-control": "no-store",
      },
    });
  },
});
