import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { SQL } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import type { Pool } from "pg";
import { from as copyFrom, to as copyTo } from "pg-copy-streams";
import type { CopyOutOptions, Driver, RawTx } from "./driver";

/** A PostgreSQL server through a node-postgres pool: many connections, many processes. */
export function pgDriver(pool: Pool): Driver {
  return {
    name: "pg",
    singleProcess: false,
    oneConnection: false,
    rawTransaction: (work) => rawTransaction(pool, work),
    copyOut: (statement, options) => copyOut(pool, statement, options),
  };
}

async function rawTransaction<T>(pool: Pool, work: (tx: RawTx) => Promise<T>): Promise<T> {
  const client = await pool.connect();
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
    async readAlongside(text, params) {
      return (await pool.query(text, params as unknown[])).rows;
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

/** Inlines bound parameters as literals: COPY takes no parameters. */
const dialect = new PgDialect();
function inline(query: SQL, escape: (value: string) => string): string {
  const { sql: text, params } = dialect.sqlToQuery(query);
  return text.replace(/\$(\d+)/g, (_match: string, n: string) => escape(String(params[Number(n) - 1])));
}

// A web ReadableStream built by hand (not Readable.toWeb, which crashes the
// process when a client aborts a download), paused while its queue is full.
function copyOut(pool: Pool, statement: SQL, options: CopyOutOptions = {}): ReadableStream<Uint8Array> {
  let source: (Readable & { rowCount?: number }) | undefined;
  let release: ((destroy?: boolean) => void) | undefined;
  let done = false;
  return new ReadableStream<Uint8Array>({
    async start(controller) {
      const client = await pool.connect();
      // A COPY cut short leaves the connection mid-protocol: such a client is
      // destroyed (the pool opens a fresh one), never handed to the next request.
      // One that ended gets the pool's statement timeout back first.
      release = (destroy = false) => {
        release = undefined;
        if (destroy) client.release(true);
        else client.query("RESET statement_timeout").then(() => client.release(), () => client.release(true));
      };
      // The download streams at the client's pace: a slow one must not hit
      // the web pool's statement timeout, which COPY counts from its start.
      await client.query("SET statement_timeout = 0").catch((error: unknown) => {
        release?.(true);
        throw error;
      });
      const text = inline(statement, (v) => client.escapeLiteral(v));
      if (options.prefix) controller.enqueue(options.prefix);
      source = client.query(copyTo(text));
      source.on("data", (chunk: Buffer) => {
        controller.enqueue(new Uint8Array(chunk));
        if ((controller.desiredSize ?? 1) <= 0) source?.pause();
      });
      source.on("end", () => {
        done = true;
        release?.();
        controller.close();
        options.onEnd?.(source?.rowCount ?? 0, false);
      });
      source.on("error", (error) => {
        release?.(true);
        if (!done) controller.error(error);
      });
    },
    pull() {
      source?.resume();
    },
    cancel() {
      // The reader went away: stop COPY and drop its connection.
      const finished = done;
      done = true;
      release?.(true);
      source?.destroy();
      if (!finished) options.onEnd?.(source?.rowCount ?? 0, true);
    },
  }, { highWaterMark: 16 });
}
