import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { from as copyFrom } from "pg-copy-streams";
import type { DatabaseHandle } from "@/db/client";

/** Plain SQL on one connection inside one transaction, plus a bulk loader; same shape for both drivers. */
export type RawTx = {
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  /** Runs several statements in one round trip (no parameters); returns the last one's rows. */
  script<T = Record<string, unknown>>(sql: string): Promise<T[]>;
  /** Loads rows encoded as COPY text (see TsvBuffer) into `table`: COPY FROM STDIN on a server, from a blob on PGlite. */
  loadText(table: string, columns: readonly string[], data: Buffer): Promise<void>;
};

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
      async script(sql) {
        const results = (await client.query(sql)) as unknown as { rows: never[] } | { rows: never[] }[];
        return Array.isArray(results) ? results[results.length - 1].rows : results.rows;
      },
      async loadText(table, columns, data) {
        if (data.length === 0) return;
        await pipeline(Readable.from([data]), client.query(copyFrom(`COPY ${table} (${columns.join(", ")}) FROM STDIN`)));
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
      async script(sql) {
        const results = await t.exec(sql);
        return results[results.length - 1].rows as never;
      },
      async loadText(table, columns, data) {
        if (data.length === 0) return;
        await t.query(`COPY ${table} (${columns.join(", ")}) FROM '/dev/blob'`, [], { blob: new Blob([new Uint8Array(data)]) });
      },
    };
    return work(tx);
  }) as Promise<T>;
}
