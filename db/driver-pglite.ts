import type { PGlite } from "@electric-sql/pglite";
import type { Driver, RawTx } from "./driver";

/** Embedded PGlite: one connection, in this process only. */
export function pgliteDriver(client: PGlite): Driver {
  return {
    name: "pglite",
    singleProcess: true,
    oneConnection: true,
    rawTransaction: (work) => rawTransaction(client, work),
    // COPY TO holds the whole result in memory here.
    copyOut: null,
  };
}

function rawTransaction<T>(client: PGlite, work: (tx: RawTx) => Promise<T>): Promise<T> {
  return client.transaction(async (t) => {
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
      // The transaction holds the one connection: a read from outside it would wait for its end.
      async readAlongside(text, params) {
        return (await t.query(text, params as unknown[])).rows as never;
      },
    };
    return work(tx);
  }) as Promise<T>;
}
