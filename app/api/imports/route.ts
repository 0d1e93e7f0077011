import { z } from "zod";
import { defineRoute } from "@/lib/auth/route";
import { createImport, MAX_UPLOAD_BYTES } from "@/lib/import/upload";
import { ok } from "@/lib/result";

export const dynamic = "force-dynamic";

/**
 * POST /api/imports?fileName=contacts.csv&header=1 with the file (or pasted
 * text) as the raw body. The body is streamed into the job's stored chunks,
 * never held whole in memory. proxy.ts's matcher stays off /api/ (a proxy
 * cuts request bodies at 10 MB), so nothing in front of this handler
 * truncates large bodies.
 */
export const POST = defineRoute({
  permission: "contacts.import",
  query: z.object({
    fileName: z.string().max(255, { error: "The file name is longer than 255 characters." }).default("upload.csv"),
    header: z.enum(["0", "1"], { error: "header is 1 (the first row names the columns) or 0." }).default("1"),
  }),
  body: "stream",
  maxBytes: MAX_UPLOAD_BYTES,
  status: 201,
  run: async (ctx, { query, body }) => {
    const job = await createImport(ctx, { fileName: query.fileName, hasHeader: query.header === "1", body });
    return job.ok ? ok({ id: job.data.id, columns: job.data.columns, sample: job.data.sample }) : job;
  },
});
