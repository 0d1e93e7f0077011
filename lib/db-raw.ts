import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { from as copyFrom } from "pg-copy-streams";
import type { DatabaseHandle } from "@/db/client";

/** Plain SQL on one connection inside one transaction, plus a bulk loader; same shape for both drivers. */
export type RawTx = {
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  /** Loads rows into `table` (COPY on a server, multi-row INSERTs on PGlite). Values are strings or null. */
  load(table: string, columns: string[], rows: (string | null)[][]): Promise<void>;
};

function copyText(value: string | null): string {
  if (value === null) return "\\N";
  return value.replace(/\\/g, "\\\\").replace(/\t/g, "\\t").replace(/\n/g, "\\n").replace(/\r/g, "\\r");
}

/**
 * Runs `work` in one transaction on one connection. Throwing rolls back:
 * nothing the work wrote survives a failure or a kill.
 */
export async function withRawTransaction<T>(handle: DatabaseHandle, work: (tx: RawTx) => Promise<T>): Promise<T> {
  if (handle.raw.kind === "pg") {
    const client = await handle.raw.pool.connect();
    const tx: RawTx = {
      async query(text, params) {
        return (await client.query(text, params as unknown[])).rows;
      },
      async load(table, columns, rows) {
        if (rows.length === 0) return;
        const body = rows.map((r) => r.map(copyText).join("\t")).join("\n") + "\n";
        await pipeline(Readable.from([body]), client.query(copyFrom(`COPY ${table} (${columns.join(", ")}) FROM STDIN`)));
      },
    };
    try {
      await client.query("BEGIN");
      const result = await work(tx);
      await client.query("COMMIT");
      return result;
    } catch (error) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }
  const pglite = handle.raw.client;
  return pglite.transaction(async (t) => {
    const tx: RawTx = {
      async query(text, params) {
        return (await t.query(text, params as unknown[])).rows as never;
      },
      async load(table, columns, rows) {
        // PGlite has no COPY FROM STDIN: multi-row INSERTs, 1,000 rows (and at most 60k parameters) a statement.
        const per = Math.max(1, Math.min(1000, Math.floor(60000 / columns.length)));
        for (let i = 0; i < rows.length; i += per) {
          const chunk = rows.slice(i, i + per);
          const params: (string | null)[] = [];
          const tuples = chunk.map((row) => `(${row.map((v) => (params.push(v), `$${params.length}`)).join(", ")})`);
          await t.query(`INSERT INTO ${table} (${columns.join(", ")}) VALUES ${tuples.join(", ")}`, params);
        }
      },
    };
    return work(tx);
  }) as Promise<T>;
}
