import { stringify } from "csv-stringify/sync";
import { and, asc, eq, gt } from "drizzle-orm";
import { importErrors, type ImportJob } from "@/db/schema";
import type { Ctx } from "@/lib/auth/actor";
import { safeCell } from "@/lib/export/cell";

/** The failed rows as CSV: row number, reason, then the row's original values under the file's headers. */
export function errorReportStream(ctx: Pick<Ctx, "db" | "workspaceId">, job: ImportJob): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let after = -1;
  let headerSent = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        controller.enqueue(encoder.encode(`\uFEFF${stringify([["Row", "Reason", ...job.columns].map(safeCell)])}`));
        return;
      }
      const rows = await ctx.db
        .select()
        .from(importErrors)
        .where(and(eq(importErrors.workspaceId, ctx.workspaceId), eq(importErrors.jobId, job.id), gt(importErrors.rowNumber, after)))
        .orderBy(asc(importErrors.rowNumber))
        .limit(1000);
      if (rows.length === 0) {
        controller.close();
        return;
      }
      after = rows[rows.length - 1].rowNumber;
      controller.enqueue(encoder.encode(stringify(rows.map((r) => [String(r.rowNumber), r.reason, ...r.values].map(safeCell)))));
    },
  });
}
