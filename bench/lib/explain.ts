import type { SQL } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import type { Pool } from "pg";
import type { Ctx } from "@/lib/auth/actor";

export type Traced = { text: string; params: unknown[]; ms: number };

const dialect = new PgDialect();

/**
 * Runs `fn` with a ctx whose db records every raw statement (`db.execute`,
 * which is what lib/contacts uses) with its parameters and duration.
 */
export async function traceStatements(ctx: Ctx, fn: (ctx: Ctx) => Promise<unknown>): Promise<Traced[]> {
  const traced: Traced[] = [];
  const db = new Proxy(ctx.db, {
    get(target, prop, receiver) {
      if (prop !== "execute") return Reflect.get(target, prop, receiver);
      return async (query: SQL) => {
        const started = performance.now();
        const result = await target.execute(query);
        const { sql: text, params } = dialect.sqlToQuery(query);
        traced.push({ text, params, ms: performance.now() - started });
        return result;
      };
    },
  });
  await fn({ ...ctx, db });
  return traced;
}

/** EXPLAIN (ANALYZE, BUFFERS) of one traced statement, as text. */
export async function explainAnalyze(pool: Pool, statement: Traced): Promise<string> {
  const result = await pool.query<{ "QUERY PLAN": string }>(`EXPLAIN (ANALYZE, BUFFERS) ${statement.text}`, statement.params);
  return result.rows.map((r) => r["QUERY PLAN"]).join("\n");
}

/** The statement with its parameters inlined, for reading (not for running). */
export function inlineParams(statement: Traced): string {
  return statement.text.replace(/\$(\d+)/g, (_, n: string) => {
    const v = statement.params[Number(n) - 1];
    return typeof v === "number" ? String(v) : `'${String(v).replace(/'/g, "''")}'`;
  });
}
