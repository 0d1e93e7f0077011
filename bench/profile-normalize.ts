// Profiling aid: time parsing and normalizing a CSV without a database.
// npx tsx bench/profile-normalize.ts <file.csv>
import fs from "node:fs";
import { Readable } from "node:stream";
import { autoMap } from "@/lib/import/fields";
import { normalizeRow } from "@/lib/import/normalize";
import { fileRecords } from "@/lib/import/source";

async function main() {
  const file = process.argv[2];
  const header = fs.readFileSync(file, "utf8").split("\n", 1)[0].split(",");
  const mapping = autoMap(header, []);
  const ctx = { mapping, defs: new Map(), searchableKeys: new Set<string>(), country: "US", options: { timezone: undefined, replaceInvalid: false } };
  let started = performance.now();
  let n = 0;
  for await (const record of fileRecords(fs.createReadStream(file) as unknown as Readable, { format: "csv", delimiter: "," })) {
    void record;
    n++;
  }
  console.log(`parse only: ${n} rows in ${(performance.now() - started).toFixed(0)} ms`);
  started = performance.now();
  n = 0;
  for await (const record of fileRecords(fs.createReadStream(file) as unknown as Readable, { format: "csv", delimiter: "," })) {
    if (n++ === 0) continue;
    normalizeRow(record.rowNumber, record.values, ctx);
  }
  console.log(`parse + normalize: ${n} rows in ${(performance.now() - started).toFixed(0)} ms`);
}
void main();
