import { z } from "zod";
import { defineRoute } from "@/lib/auth/route";
import { saveImportOptions, startImport } from "@/lib/import/jobs";

export const dynamic = "force-dynamic";

/** POST /api/imports/:id/preview { options } — save the mapping and options, start the dry run (202; poll GET /api/imports/:id). */
export const POST = defineRoute({
  permission: "contacts.import",
  params: z.object({ id: z.uuid({ error: "Unknown import." }) }),
  // The options are validated against the file and the workspace by saveImportOptions.
  body: z.object({ options: z.unknown() }),
  status: 202,
  run: async (ctx, { params, body }) => {
    const saved = await saveImportOptions(ctx, params.id, body.options);
    return saved.ok ? startImport(ctx, params.id, "preview") : saved;
  },
});
