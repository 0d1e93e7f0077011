import { PassThrough } from "node:stream";
import { stringify } from "csv-stringify/sync";
import ExcelJS from "exceljs";
import { sql, type SQL } from "drizzle-orm";
import type { CopyOut } from "@/db/driver";
import type { Ctx } from "@/lib/auth/actor";
import { listAttributeDefinitions } from "@/lib/attributes/definitions";
import { recordAudit } from "@/lib/audit/record";
import { contactConditions } from "@/lib/contacts/filters";
import type { ContactQuery } from "@/lib/contacts/query";
import { safeCell } from "./cell";
import { resolveExportColumns, safeSql, type ExportColumn } from "./columns";
import { pagedRows, pagedTextStream, type Audit } from "./paged";
import { VCARD_FIELD_IDS, vcardStream } from "./vcard";
import { writeSheetRows } from "./xlsx-backpressure";

export const EXPORT_FORMATS = ["csv", "xlsx", "vcf"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
/** vCard has its own fields (lib/export/vcard.ts): `columns` applies to CSV and XLSX only. */
export type ExportRequest = { format: ExportFormat; columns: string[]; scope: ExportScope };
export type ExportScope = { kind: "all" } | { kind: "filtered"; query: ContactQuery } | { kind: "selected"; ids: string[] };

export const EXPORT_CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  vcf: "text/vcard; charset=utf-8",
};

const encoder = new TextEncoder();

async function scopeCondition(ctx: Ctx, scope: ExportScope): Promise<SQL> {
  if (scope.kind === "filtered") return contactConditions(ctx, scope.query, await listAttributeDefinitions(ctx));
  if (scope.kind === "selected") {
    const ids = scope.ids.length > 0 ? sql.join(scope.ids.map((id) => sql`${id}::uuid`), sql`, `) : sql`NULL::uuid`;
    return sql`c.workspace_id = ${ctx.workspaceId} AND c.id IN (${ids})`;
  }
  return sql`c.workspace_id = ${ctx.workspaceId}`;
}

/**
 * Streams contacts as CSV, XLSX or vCard with flat memory: a CSV is `COPY
 * (SELECT …) TO STDOUT` (PostgreSQL formats it) where the driver streams COPY
 * output (a server); otherwise rows are read in keyset pages. Cancelling (the
 * client went away) stops the work and gives the connection back. One audit
 * entry records who, what and how many.
 */
export async function exportContacts(ctx: Ctx, request: ExportRequest): Promise<ReadableStream<Uint8Array>> {
  const columns = request.format === "vcf" ? [] : resolveExportColumns(request.columns, await listAttributeDefinitions(ctx));
  const where = await scopeCondition(ctx, request.scope);
  const audit = (rows: number, aborted: boolean) =>
    recordAudit(ctx.db, ctx, {
      action: "contacts.exported",
      entityType: "contact",
      after: {
        format: request.format,
        scope: request.scope.kind,
        filter: request.scope.kind === "filtered" ? request.scope.query : undefined,
        // What left the workspace: for a vCard, the fields its cards are made of.
        columns: request.format === "vcf" ? VCARD_FIELD_IDS : columns.map((c) => c.id),
        rows,
        aborted,
      },
    }).catch((error: unknown) => console.error("[export] audit failed", error));
  if (request.format === "vcf") return vcardStream(ctx, where, audit);
  const { copyOut } = ctx.db.driver;
  if (request.format === "csv" && copyOut) return copyCsv(copyOut, columns, where, audit);
  return request.format === "csv" ? pagedCsv(ctx, columns, where, audit) : xlsx(ctx, columns, where, audit);
}

/**
 * The header row, escaped like every cell: an attribute's label is a header,
 * and whoever can name an attribute would otherwise choose a formula that
 * runs when the file is opened.
 */
function headerRow(columns: ExportColumn[]): string[] {
  return columns.map((c) => safeCell(c.header));
}

function copyCsv(copyOut: CopyOut, columns: ExportColumn[], where: SQL, audit: Audit): ReadableStream<Uint8Array> {
  const select = sql.raw(columns.map((c) => safeSql(c)).join(", "));
  return copyOut(sql`COPY (SELECT ${select} FROM contacts c WHERE ${where} ORDER BY lower(c.display_name), c.id) TO STDOUT WITH (FORMAT csv)`, {
    prefix: encoder.encode(`\uFEFF${stringify([headerRow(columns)])}`),
    onEnd: (rows, aborted) => void audit(rows, aborted),
  });
}

function pagedCsv(ctx: Ctx, columns: ExportColumn[], where: SQL, audit: Audit): ReadableStream<Uint8Array> {
  return pagedTextStream(pagedRows(ctx, columns, where), (batch) => stringify(batch.map((row) => row.map((v) => safeCell(v ?? "")))), audit, {
    prefix: `\uFEFF${stringify([headerRow(columns)])}`,
  });
}

function xlsx(ctx: Ctx, columns: ExportColumn[], where: SQL, audit: Audit): ReadableStream<Uint8Array> {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: true });
  const sheet = workbook.addWorksheet("Contacts");
  // Phones and IDs are text, so Excel neither drops a leading + or 0 nor shows 1.2E+10.
  sheet.columns = columns.map((c) => ({ header: safeCell(c.header), key: c.id, width: Math.max(12, c.header.length + 2), style: c.text ? { numFmt: "@" } : {} }));
  let count = 0;
  const cancelled = new AbortController();
  async function* cells() {
    for await (const row of pagedRows(ctx, columns, where)) yield row.map((v) => safeCell(v ?? ""));
  }
  const write = (async () => {
    await writeSheetRows(sheet, out, cells(), { signal: cancelled.signal, onRow: () => count++ });
    if (cancelled.signal.aborted) return;
    sheet.commit();
    await workbook.commit();
    // The client may leave while the workbook is finished: cancel() audited it then.
    if (!cancelled.signal.aborted) await audit(count, false);
  })().catch((error: unknown) => {
    // An abort is the client leaving: cancel() already closed everything.
    if (!cancelled.signal.aborted) out.destroy(error as Error);
  });
  void write;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      out.on("data", (chunk: Buffer) => {
        controller.enqueue(new Uint8Array(chunk));
        if ((controller.desiredSize ?? 1) <= 0) out.pause();
      });
      out.on("end", () => controller.close());
      out.on("error", (error) => controller.error(error));
    },
    pull() {
      out.resume();
    },
    async cancel() {
      cancelled.abort();
      out.destroy();
      await audit(count, true);
    },
  }, { highWaterMark: 16 });
}
