import { sql, type SQL } from "drizzle-orm";
import { queryRows } from "@/db/query";
import type { Ctx } from "@/lib/auth/actor";
import type { ExportColumn } from "./columns";

// Shared by every export that reads rows itself (CSV on PGlite, XLSX, vCard):
// keyset pages keep memory flat however many contacts there are, and one
// stream loop owns cancelling and the audit entry, so the formats agree.

/** Records one export: how many rows went out and whether the client left first. */
export type Audit = (rows: number, aborted: boolean) => Promise<void>;

const PAGE = 2000;
const encoder = new TextEncoder();

/** The contacts matching `where`, in display-name order, read `PAGE` rows at a time by keyset (no OFFSET: each page costs the same). */
export async function* pagedRows(ctx: Ctx, columns: Pick<ExportColumn, "sql">[], where: SQL): AsyncGenerator<(string | null)[]> {
  const select = sql.raw(columns.map((c, i) => `${c.sql} AS v${i}`).join(", "));
  let after: { name: string; id: string } | null = null;
  for (;;) {
    const keyset = after ? sql` AND (lower(c.display_name), c.id) > (${after.name}, ${after.id}::uuid)` : sql``;
    const page: Record<string, string | null>[] = await queryRows<Record<string, string | null>>(
      ctx.db,
      sql`SELECT ${select}, lower(c.display_name) AS sort_name, c.id AS sort_id FROM contacts c WHERE ${where}${keyset}
          ORDER BY lower(c.display_name), c.id LIMIT ${PAGE}`,
    );
    for (const row of page) yield columns.map((_, i) => row[`v${i}`]);
    if (page.length < PAGE) return;
    const last = page[page.length - 1];
    after = { name: String(last.sort_name), id: String(last.sort_id) };
  }
}

/**
 * Rows as a text download, `batchSize` rows a chunk, pulled only as fast as
 * the client reads. Cancelling (the client went away) ends the row generator,
 * so no further page is queried, and audits the rows sent so far.
 */
export function pagedTextStream<T>(
  rows: AsyncGenerator<T>,
  format: (batch: T[]) => string,
  audit: Audit,
  { prefix, batchSize = 500 }: { prefix?: string; batchSize?: number } = {},
): ReadableStream<Uint8Array> {
  let count = 0;
  let prefixSent = prefix === undefined;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!prefixSent) {
        prefixSent = true;
        controller.enqueue(encoder.encode(prefix));
        return;
      }
      const batch: T[] = [];
      for (let i = 0; i < batchSize; i++) {
        const next = await rows.next();
        if (next.done) break;
        batch.push(next.value);
      }
      if (batch.length === 0) {
        controller.close();
        await audit(count, false);
        return;
      }
      count += batch.length;
      controller.enqueue(encoder.encode(format(batch)));
    },
    async cancel() {
      await rows.return(undefined);
      await audit(count, true);
    },
  });
}
