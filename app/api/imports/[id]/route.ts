import { z } from "zod";
import { defineRoute } from "@/lib/auth/route";
import { importStatus } from "@/lib/import/jobs";
import { notFound, ok } from "@/lib/result";

export const dynamic = "force-dynamic";

/** GET /api/imports/:id — the job's live state for the progress bar (any instance can answer). */
export const GET = defineRoute({
  permission: "contacts.import",
  params: z.object({ id: z.uuid({ error: "Unknown import." }) }),
  run: async (ctx, { params }) => {
    const status = await importStatus(ctx, params.id);
    return status ? ok(status) : notFound();
  },
});
