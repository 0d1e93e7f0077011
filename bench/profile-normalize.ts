// Profiling aid: parse, normalize and encode a CSV as the import does, without
// a database, reporting time and peak memory (sampled every 50 ms).
// npx tsx [node flags] bench/profile-normalize.ts <file.csv | file.vcf>
import fs from "node:fs";
import { Readable } from "node:stream";
import { autoMap } from "@/lib/import/fields";
import { normalizeRow, STAGE_COLUMNS } from "@/lib/import/normalize";
import { fileRecords } from "@/lib/import/source";
import { VCARD_COLUMNS } from "@/lib/import/vcard";
import { TsvBuffer } from "@/lib/tsv-buffer";
import { runMain } from "./lib/main";

async function main() {
  const file = process.argv[2];
  const vcard = file.endsWith(".vcf");
  const header = vcard ? [...VCARD_COLUMNS] : fs.readFileSync(file, "utf8").split("\n", 1)[0].split(",");
  const mapping = autoMap(header, []);
  const ctx = { mapping, rules: { country: "US", definitions: [] }, options: { timezone: undefined, replaceInvalid: false } };
  const before = process.memoryUsage().rss;
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  const started = performance.now();
  const tsv = new TsvBuffer();
  let n = 0;
  // 60 KB chunks, as the import reads the stored upload.
  for await (const record of fileRecords(fs.createReadStream(file, { highWaterMark: 60_000 }) as unknown as Readable, { format: vcard ? "vcf" : "csv", delimiter: "," })) {
    if (n++ === 0 && !vcard) continue;
    const staged = normalizeRow(record.rowNumber, record.values, ctx);
    tsv.add(STAGE_COLUMNS.map((c) => staged[c]));
    if (tsv.rows >= 5000) tsv.reset();
    if (n % 100 === 0) await new Promise<void>((resolve) => setImmediate(resolve));
  }
  clearInterval(sampler);
  const mb = (b: number) => Math.round(b / 2 ** 20);
  console.log(`${n} rows in ${(performance.now() - started).toFixed(0)} ms; RSS ${mb(before)} → peak ${mb(peak)} MB (+${mb(peak - before)})`);
}
runMain(main);
