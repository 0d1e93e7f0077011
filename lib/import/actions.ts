import { z } from "zod";
import { defineAction } from "@/lib/auth/action";
import { saveImportOptions, startImport } from "./jobs";

const jobId = z.uuid({ error: "Unknown import." });

/** Save the mapping and options, then start the dry run. */
export const previewImportAction = defineAction({
  permission: "contacts.import",
  input: z.object({ jobId, options: z.unknown() }),
  run: async (ctx, input) => {
    const saved = await saveImportOptions(ctx, input.jobId, input.options);
    if (!saved.ok) return saved;
    return startImport(ctx, input.jobId, "preview");
  },
});

export const runImportAction = defineAction({
  permission: "contacts.import",
  input: z.object({ jobId }),
  run: (ctx, input) => startImport(ctx, input.jobId, "run"),
});
