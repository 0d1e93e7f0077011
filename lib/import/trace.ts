import type { RawTx } from "@/db/driver";

/**
 * SB_IMPORT_TRACE=1 prints, when the run ends, the time spent in each
 * statement (summed over batches): how the benchmark's phases are profiled.
 */
export function traced(tx: RawTx): RawTx & { report(): void } {
  const totals = new Map<string, { n: number; ms: number }>();
  const log = async <T>(label: string, work: Promise<T>): Promise<T> => {
    const started = performance.now();
    try {
      return await work;
    } finally {
      const key = label.replace(/\s+/g, " ").trim().slice(0, 100);
      const entry = totals.get(key) ?? { n: 0, ms: 0 };
      entry.n++;
      entry.ms += performance.now() - started;
      totals.set(key, entry);
    }
  };
  return {
    query: (text, params) => log(text, tx.query(text, params)),
    // Traced, a script runs statement by statement, each timed.
    script: async <T>(sql: string) => {
      let last: T[] = [];
      for (const statement of sql.split(";\n")) last = await log(statement, tx.query<T>(statement));
      return last;
    },
    loadText: (table, columns, data) => log(`COPY ${table}`, tx.loadText(table, columns, data)),
    readAlongside: (text, params) => log(`alongside: ${text}`, tx.readAlongside(text, params)),
    report() {
      for (const [label, { n, ms }] of [...totals].sort((x, y) => y[1].ms - x[1].ms)) {
        console.log(`[import-trace] ${ms.toFixed(0).padStart(7)} ms ${String(n).padStart(5)}× ${label}`);
      }
    },
  };
}
