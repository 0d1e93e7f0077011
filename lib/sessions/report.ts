import { stringify } from "csv-stringify";
import type { Ctx } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { formatPhone } from "@/lib/contacts/phone";
import { safeCell } from "@/lib/export/cell";
import { sessionReportRows, type SessionFilters } from "./list";

export const REPORT_COLUMNS = ["Sent at (UTC)", "Session", "Reference", "Agent", "Channel", "Destination", "Contact name"];

/** A download of the report: audited (who, with which filters), then streamed. */
export async function downloadSessionReport(ctx: Ctx, filters: SessionFilters): Promise<ReadableStream<Uint8Array>> {
  await recordAudit(ctx.db, ctx, { action: "sessions.report_downloaded", entityType: "session", after: filters });
  return sessionReportStream(ctx, filters);
}

/**
 * The session report as a CSV byte stream, read from the database in pages
 * (flat memory at any size). `cancel()` stops reading when the client goes away.
 */
export function sessionReportStream(ctx: Ctx, filters: SessionFilters): ReadableStream<Uint8Array> {
  const rows = sessionReportRows(ctx, filters);
  const country = ctx.actor.workspace.defaultCountry;
  const encoder = new TextEncoder();
  const csv = (record: string[]) =>
    new Promise<string>((resolve, reject) =>
      stringify([record.map(safeCell)], (error, output) => (error ? reject(error) : resolve(output))),
    );
  let headerSent = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        controller.enqueue(encoder.encode(`\uFEFF${await csv(REPORT_COLUMNS)}`));
        return;
      }
      const next = await rows.next();
      if (next.done) {
        controller.close();
        return;
      }
      const r = next.value;
      const destination = r.channel === "email" ? r.destination : formatPhone(r.destination, country) || r.destination;
      controller.enqueue(
        encoder.encode(
          await csv([r.createdAt.toISOString(), r.title, r.reference ?? "", r.agentName, r.channel, destination, r.contactName ?? ""]),
        ),
      );
    },
    async cancel() {
      await rows.return(undefined);
    },
  });
}
