// npm run bench:import -- [--rows 1000000] [--small 100000] [--pglite-rows 100000] [--google-rows 400000] [--vcard-rows 100000] [--runs 3] [--large-runs 1]
//                          [--build] [--reseed] [--no-docs] [--no-pglite]
//
// Contact import at scale, through the same route handlers a browser uses,
// against `next start` on a PostgreSQL server (DATABASE_URL or
// BENCH_DATABASE_URL selects it; default 127.0.0.1:5432). The target
// workspace already holds 100,000 contacts (plus 3 other workspaces of
// 10,000): a template database seeded once by scripts/seed and cloned for
// every run. The file (bench/lib/import-data.ts) has mixed phone formats and
// countries, 2% in-file duplicates, 2% existing duplicates and 1% invalid rows.
//
// Per run: POST /api/imports (the file streamed as the body), POST
// /api/imports/:id/preview (dry run), POST /api/imports/:id/run, each
// followed by polling GET /api/imports/:id; the server's RSS is sampled every
// 200 ms from /proc. Ours = upload + run (the preview is reported apart).
// Baseline, in the same run on the same fresh clone: COPY … FROM STDIN of
// exactly the rows that land, pre-normalized, into contacts_copy_baseline
// (LIKE contacts INCLUDING ALL, plus the workspace foreign key, holding the
// same existing rows). Also the embedded database (PGlite) at --pglite-rows.
//
// The last line of stdout is one JSON object for the PostgreSQL server at --rows:
// {"rows":N,"oursRowsPerSec":..,"copyRowsPerSec":..,"ratio":..,"peakRssGrowthMb":..}
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import type { PGlite } from "@electric-sql/pglite";
import { from as copyFrom } from "pg-copy-streams";
import type { ImportCounts } from "@/lib/import/options";
import { autoMap } from "@/lib/import/fields";
import { MAX_UPLOAD_BYTES } from "@/lib/import/upload";
import { DEMO_ADMIN, DEMO_WORKSPACE } from "@/scripts/seed";
import { ensurePostgres, EXTRA_WORKSPACES, extraSize, prepareBenchDatabase } from "./lib/db";
import { signIn, type Session } from "./lib/http";
import { BASELINE_COLUMNS, checkPhoneFormats, generateImportFiles, type Expected, type Layout } from "./lib/import-data";
import { copyDataDir, openPglite, preparePgliteTemplate, startNextPglite } from "./lib/pglite";
import { pidListeningOn, portOf, RssSampler, type RssWindow } from "./lib/proc";
import {
  checkpoint,
  cloneDatabase,
  demoIds,
  dropDatabase,
  fmtInt,
  fmtMb,
  fmtRatio,
  fmtS,
  machineLine,
  parseFlags,
  postFile,
  postJson,
  round,
  serverUrl,
  withClient,
  writeDocsSection,
} from "./lib/report";
import { ensureBuild, startNext, type NextServer } from "./lib/server";
import { median } from "./lib/stats";
import { runMain } from "./lib/main";

const USAGE =
  "usage: npm run bench:import -- [--rows 1000000] [--small 100000] [--pglite-rows 100000] [--google-rows 400000] [--vcard-rows 100000] [--runs 3] [--large-runs 1] [--build] [--reseed] [--no-docs] [--no-pglite]";

const PRESEED = 100_000;
const TEMPLATE_DB = "switchboard_bench_import_tpl";
const RUN_DB = "switchboard_bench_import";
const TARGETS = { ratio: 0.8, rssGrowthMb: 150, atRows: 1_000_000 };
const POLL_MS = 100;
/**
 * The Google Contacts file's rows. Its 30 columns, most of them empty, take
 * about 100 bytes a row: 1,000,000 rows are about 100 MB, twice the 50 MB
 * upload limit of SPEC §4, so the bench uses the largest round size under it.
 */
const GOOGLE_ROWS = 400_000;

type Args = { rows: number; small: number; pgliteRows: number; googleRows: number; vcardRows: number; runs: number; largeRuns: number; build: boolean; reseed: boolean; docs: boolean; pglite: boolean };

type RunResult = {
  uploadS: number;
  previewS: number;
  runS: number;
  oursS: number;
  counts: ImportCounts;
  copyS: number;
  copied: number;
  rss: RssWindow;
  mismatch: string | null;
};

function log(line: string) {
  console.log(line);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------- one import over HTTP

type JobStatus = { status: string; error: string | null; result: (ImportCounts & { failures: unknown[] }) | null; preview: ImportCounts | null };

async function waitForJob(session: Session, id: string, until: string[]): Promise<JobStatus> {
  for (;;) {
    const { status, body } = await session.get(`/api/imports/${id}`);
    if (status !== 200) throw new Error(`GET /api/imports/${id}: HTTP ${status} ${body.slice(0, 300)}`);
    const job = JSON.parse(body) as JobStatus;
    if (until.includes(job.status)) return job;
    if (job.status === "failed") throw new Error(`import ${id} failed: ${job.error}`);
    await sleep(POLL_MS);
  }
}

async function upload(session: Session, file: string): Promise<{ id: string; columns: string[]; sample?: string[][] }> {
  const response = await postFile(session, `/api/imports?fileName=${encodeURIComponent(path.basename(file))}&header=1`, file);
  if (response.status !== 201) throw new Error(`POST /api/imports: HTTP ${response.status} ${response.body.slice(0, 300)}`);
  return JSON.parse(response.body) as { id: string; columns: string[]; sample?: string[][] };
}

async function preview(session: Session, id: string, columns: string[], sample?: string[][]): Promise<JobStatus> {
  // As the mapping page proposes it (the sample decides which empty columns stay unmapped).
  const options = { mapping: autoMap(columns, [], sample), duplicates: "skip" };
  const response = await postJson(session, `/api/imports/${id}/preview`, { options });
  if (response.status !== 202) throw new Error(`POST /api/imports/${id}/preview: HTTP ${response.status} ${JSON.stringify(response.json).slice(0, 300)}`);
  return waitForJob(session, id, ["previewed"]);
}

async function run(session: Session, id: string): Promise<JobStatus> {
  const response = await postJson(session, `/api/imports/${id}/run`);
  if (response.status !== 202) throw new Error(`POST /api/imports/${id}/run: HTTP ${response.status} ${JSON.stringify(response.json).slice(0, 300)}`);
  return waitForJob(session, id, ["completed"]);
}

/** Sign in, warm the routes up with a preview of a small file (rolled back), then upload + preview + run the file. */
async function importThroughServer(server: NextServer, file: string, warmupFile: string, expected: Expected) {
  const session = await signIn(server.url, DEMO_ADMIN.email, DEMO_ADMIN.password);
  const warm = await upload(session, warmupFile);
  await preview(session, warm.id, warm.columns, warm.sample);

  const sampler = new RssSampler(pidListeningOn(portOf(server.url)));
  sampler.start();
  const t0 = performance.now();
  const job = await upload(session, file);
  const t1 = performance.now();
  const previewed = await preview(session, job.id, job.columns, job.sample);
  const t2 = performance.now();
  const done = await run(session, job.id);
  const t3 = performance.now();
  const rss = sampler.stop();

  const counts = done.result!;
  const want = { created: expected.new, skippedInFile: expected.inFile, skippedExisting: expected.existing, failed: expected.invalid };
  const wrong = Object.entries(want).filter(([k, v]) => counts[k as keyof typeof want] !== v);
  const previewWrong = previewed.preview && previewed.preview.created !== counts.created;
  const mismatch =
    wrong.length > 0 || previewWrong
      ? `expected ${JSON.stringify(want)}, got ${JSON.stringify({ created: counts.created, skippedInFile: counts.skippedInFile, skippedExisting: counts.skippedExisting, failed: counts.failed })}` +
        (previewWrong ? ` (preview said ${previewed.preview!.created} created)` : "")
      : null;
  return { uploadS: (t1 - t0) / 1000, previewS: (t2 - t1) / 1000, runS: (t3 - t2) / 1000, oursS: (t1 - t0 + t3 - t2) / 1000, counts, rss, mismatch };
}

// ---------------------------------------------------------------- baselines

const BASELINE_TABLE = "contacts_copy_baseline";

/** Same columns, defaults, generated column, constraints and indexes as contacts, the workspace FK, and the same rows. */
function baselineSetup(nonGenerated: string): string[] {
  return [
    `DROP TABLE IF EXISTS ${BASELINE_TABLE}`,
    `CREATE TABLE ${BASELINE_TABLE} (LIKE contacts INCLUDING ALL)`,
    `ALTER TABLE ${BASELINE_TABLE} ADD FOREIGN KEY (workspace_id) REFERENCES workspaces(id) ON DELETE CASCADE`,
    `INSERT INTO ${BASELINE_TABLE} (${nonGenerated}) SELECT ${nonGenerated} FROM contacts`,
    `VACUUM ANALYZE ${BASELINE_TABLE}`,
  ];
}

const NON_GENERATED = `SELECT string_agg(quote_ident(attname), ', ' ORDER BY attnum) AS cols FROM pg_attribute
  WHERE attrelid = 'contacts'::regclass AND attnum > 0 AND NOT attisdropped AND attgenerated = ''`;

async function copyBaselinePg(url: string, tsv: string): Promise<{ seconds: number; rows: number }> {
  return withClient(url, async (client) => {
    const [{ cols }] = (await client.query<{ cols: string }>(NON_GENERATED)).rows;
    for (const statement of baselineSetup(cols)) await client.query(statement);
    await checkpoint(client);
    const started = performance.now();
    const stream = client.query(copyFrom(`COPY ${BASELINE_TABLE} (${BASELINE_COLUMNS.join(", ")}) FROM STDIN`));
    await pipeline(fs.createReadStream(tsv, { highWaterMark: 1024 * 1024 }), stream);
    const seconds = (performance.now() - started) / 1000;
    await client.query(`DROP TABLE ${BASELINE_TABLE}`);
    await checkpoint(client);
    return { seconds, rows: stream.rowCount };
  });
}

/** PGlite has no COPY FROM STDIN: COPY FROM '/dev/blob' with the whole pre-normalized text as the blob (read before timing). */
async function copyBaselinePglite(dataDir: string, tsv: string): Promise<{ seconds: number; rows: number }> {
  const db = await openPglite(dataDir);
  try {
    const client: PGlite = db.client;
    const [{ cols }] = (await client.query<{ cols: string }>(NON_GENERATED)).rows;
    for (const statement of baselineSetup(cols)) await client.query(statement);
    const blob = new Blob([fs.readFileSync(tsv)]);
    const started = performance.now();
    const result = await client.query(`COPY ${BASELINE_TABLE} (${BASELINE_COLUMNS.join(", ")}) FROM '/dev/blob'`, [], { blob });
    const seconds = (performance.now() - started) / 1000;
    return { seconds, rows: result.affectedRows ?? 0 };
  } finally {
    await db.close();
  }
}

// ---------------------------------------------------------------- main

type SizeResult = { driver: "pg" | "pglite"; layout: Layout; rows: number; csvMb: number; expected: Expected; runs: RunResult[] };

const LAYOUT_NAMES: Record<Layout, string> = { csv: "CSV, 5 columns", google: "Google Contacts CSV, 30 columns", vcard: "vCard 3.0" };
const EXTENSIONS: Record<Layout, string> = { csv: "csv", google: "csv", vcard: "vcf" };

/** One measured import on a just-started server, which is stopped afterwards (its log named if it failed). */
async function importOnFreshServer(server: NextServer, file: string, warmupFile: string, expected: Expected) {
  try {
    return await importThroughServer(server, file, warmupFile, expected);
  } catch (error) {
    log(`  server log: ${server.logFile}`);
    throw error;
  } finally {
    await server.stop();
  }
}

async function main() {
  const args = parseFlags<Args>(
    process.argv.slice(2),
    { rows: 1_000_000, small: 100_000, pgliteRows: 100_000, googleRows: GOOGLE_ROWS, vcardRows: 100_000, runs: 3, largeRuns: 1, build: false, reseed: false, docs: true, pglite: true },
    USAGE,
  );
  if (args.rows <= 0 || args.runs <= 0) throw new Error(USAGE);
  const root = process.cwd();
  if (!fs.existsSync(path.join(root, "db", "migrations"))) throw new Error("run from the repository root (npm run bench:import)");
  const work = path.join(os.tmpdir(), "switchboard-bench-import");
  fs.mkdirSync(work, { recursive: true });

  const tplUrl = serverUrl(TEMPLATE_DB);
  const runUrl = serverUrl(RUN_DB);
  await ensurePostgres(tplUrl, log);
  ensureBuild(root, args.build, log);
  const seeded = await prepareBenchDatabase({ url: tplUrl, root, contacts: PRESEED, reseed: args.reseed, log });
  const { ids, pgVersion } = await withClient(tplUrl, async (c) => ({
    ids: await demoIds(c, DEMO_WORKSPACE, DEMO_ADMIN.email),
    pgVersion: (await c.query<{ version: string }>("SELECT version()")).rows[0].version,
  }));
  checkPhoneFormats(PRESEED);

  const warmupFile = path.join(work, "warmup.csv");
  await generateImportFiles({ rows: 200, preseed: PRESEED, csvPath: warmupFile });

  const results: SizeResult[] = [];
  const sizes = [...new Set([args.small > 0 && args.small < args.rows ? args.small : 0, args.rows].filter((n) => n > 0))];
  const cases: { layout: Layout; rows: number }[] = [
    ...sizes.map((rows) => ({ layout: "csv" as const, rows })),
    ...(args.googleRows > 0 ? [{ layout: "google" as const, rows: args.googleRows }] : []),
    ...(args.vcardRows > 0 ? [{ layout: "vcard" as const, rows: args.vcardRows }] : []),
  ];
  for (const { layout, rows } of cases) {
    const csv = path.join(work, `import-${layout}-${rows}.${EXTENSIONS[layout]}`);
    const tsv = path.join(work, `baseline-${layout}-${rows}-pg.tsv`);
    const gen = await generateImportFiles({ rows, preseed: PRESEED, csvPath: csv, layout, baseline: { path: tsv, workspaceId: ids.workspaceId, createdBy: ids.adminId } });
    log(`\n${fmtInt(rows)} rows, ${LAYOUT_NAMES[layout]}: ${(gen.csvBytes / 2 ** 20).toFixed(1)} MiB written in ${gen.seconds.toFixed(1)} s — expect ${fmtInt(gen.expected.new)} new, ${fmtInt(gen.expected.inFile)} in-file duplicates, ${fmtInt(gen.expected.existing)} existing, ${fmtInt(gen.expected.invalid)} invalid.`);
    if (gen.csvBytes > MAX_UPLOAD_BYTES) throw new Error(`the ${fmtInt(rows)}-row file is ${gen.csvBytes} bytes, over the app's ${MAX_UPLOAD_BYTES}-byte upload limit`);
    const size: SizeResult = { driver: "pg", layout, rows, csvMb: gen.csvBytes / 2 ** 20, expected: gen.expected, runs: [] };
    results.push(size);
    const runs = rows >= 1_000_000 ? args.largeRuns || args.runs : args.runs;
    for (let r = 1; r <= runs; r++) {
      await cloneDatabase(tplUrl, TEMPLATE_DB, RUN_DB);
      const copy = await copyBaselinePg(runUrl, tsv);
      const ours = await importOnFreshServer(await startNext(root, runUrl), csv, warmupFile, gen.expected);
      const result: RunResult = { ...ours, copyS: copy.seconds, copied: copy.rows };
      size.runs.push(result);
      logRun(`pg ${layout} ${fmtInt(rows)} run ${r}/${runs}`, result);
    }
    await dropDatabase(tplUrl, RUN_DB);
  }

  if (args.pglite && args.pgliteRows > 0) {
    const rows = args.pgliteRows;
    const tplDir = path.join(work, "pglite-template");
    log(`\nPGlite: seeding a template data directory (${fmtInt(PRESEED)} + ${EXTRA_WORKSPACES} × ${fmtInt(extraSize(PRESEED))})…`);
    const seed = await preparePgliteTemplate(tplDir, PRESEED, () => undefined);
    log(`  ${seed.seconds.toFixed(0)} s`);
    const csv = path.join(work, `import-${rows}.csv`);
    const tsv = path.join(work, `baseline-${rows}-pglite.tsv`);
    const gen = await generateImportFiles({ rows, preseed: PRESEED, csvPath: csv, baseline: { path: tsv, workspaceId: seed.workspaceId, createdBy: seed.adminId } });
    const size: SizeResult = { driver: "pglite", layout: "csv", rows, csvMb: gen.csvBytes / 2 ** 20, expected: gen.expected, runs: [] };
    results.push(size);
    for (let r = 1; r <= args.runs; r++) {
      const baseDir = path.join(work, "pglite-baseline");
      copyDataDir(tplDir, baseDir);
      const copy = await copyBaselinePglite(baseDir, tsv);
      fs.rmSync(baseDir, { recursive: true, force: true });
      const runDir = path.join(work, "pglite-run");
      copyDataDir(tplDir, runDir);
      const ours = await importOnFreshServer(await startNextPglite(root, runDir), csv, warmupFile, gen.expected);
      const result: RunResult = { ...ours, copyS: copy.seconds, copied: copy.rows };
      size.runs.push(result);
      logRun(`PGlite ${fmtInt(rows)} run ${r}/${args.runs}`, result);
      fs.rmSync(runDir, { recursive: true, force: true });
    }
  }

  // ------------------------------------------------------------ summary
  const summaries = results.map(summarize);
  const table = markdownTable(summaries);
  log("");
  log(table);
  const main = summaries.find((s) => s.driver === "pg" && s.layout === "csv" && s.rows === args.rows)!;
  const ofLayout = (layout: Layout) => summaries.find((s) => s.driver === "pg" && s.layout === layout);
  const checks = [
    { target: `Ratio ours/COPY ≥ ${TARGETS.ratio} at ${fmtInt(TARGETS.atRows)} rows`, s: summaries.find((s) => s.driver === "pg" && s.layout === "csv" && s.rows === TARGETS.atRows), ok: (s: Summary) => s.ratio >= TARGETS.ratio, got: (s: Summary) => fmtRatio(s.ratio) },
    { target: `Server peak RSS growth < ${TARGETS.rssGrowthMb} MB at ${fmtInt(TARGETS.atRows)} rows`, s: summaries.find((s) => s.driver === "pg" && s.layout === "csv" && s.rows === TARGETS.atRows), ok: (s: Summary) => s.rssGrowthMb < TARGETS.rssGrowthMb, got: (s: Summary) => `${fmtMb(s.rssGrowthMb)} MB` },
    ...(["google", "vcard"] as const).flatMap((layout) => [
      { target: `${LAYOUT_NAMES[layout]}: ratio ours/COPY ≥ ${TARGETS.ratio}`, s: ofLayout(layout), ok: (s: Summary) => s.ratio >= TARGETS.ratio, got: (s: Summary) => `${fmtRatio(s.ratio)} at ${fmtInt(s.rows)} rows` },
      { target: `${LAYOUT_NAMES[layout]}: server peak RSS growth < ${TARGETS.rssGrowthMb} MB`, s: ofLayout(layout), ok: (s: Summary) => s.rssGrowthMb < TARGETS.rssGrowthMb, got: (s: Summary) => `${fmtMb(s.rssGrowthMb)} MB` },
    ]),
    { target: "Every import's counts are the expected ones (created, in-file, existing, failed)", s: summaries[0], ok: () => summaries.every((s) => s.mismatches === 0), got: () => `${summaries.reduce((n, s) => n + s.mismatches, 0)} runs differ` },
  ].map((c) => (c.s ? { target: c.target, pass: c.ok(c.s), got: c.got(c.s) } : { target: c.target, pass: null, got: "not measured in this run" }));
  for (const c of checks) log(`${c.pass === null ? "N/A " : c.pass ? "PASS" : "FAIL"}  ${c.target} — ${c.got}`);
  for (const s of summaries) for (const m of s.mismatchText) log(`  ${s.driver} ${s.layout} ${fmtInt(s.rows)}: ${m}`);

  if (args.docs) {
    const file = writeDocsSection(root, "import", docsSection({ root, pgVersion, table, checks, summaries, seeded, args }));
    log(`Wrote ${path.relative(root, file)}`);
  }
  // Must stay the very last line of stdout.
  console.log(
    JSON.stringify({ rows: args.rows, oursRowsPerSec: round(main.oursPerSec), copyRowsPerSec: round(main.copyPerSec), ratio: round(main.ratio, 3), peakRssGrowthMb: round(main.rssGrowthMb) }),
  );
}

function logRun(label: string, r: RunResult) {
  log(
    `  ${label}: upload ${fmtS(r.uploadS)} s, preview ${fmtS(r.previewS)} s, run ${fmtS(r.runS)} s → ours ${fmtS(r.oursS)} s for ${fmtInt(r.counts.created)} created ` +
      `(${fmtInt(r.counts.created / r.oursS)}/s); COPY ${fmtS(r.copyS)} s for ${fmtInt(r.copied)} (${fmtInt(r.copied / r.copyS)}/s); ratio ${fmtRatio(r.copyS / r.oursS)}; ` +
      `RSS ${fmtMb(r.rss.beforeMb)} → peak ${fmtMb(r.rss.peakMb)} MB (+${fmtMb(r.rss.growthMb)})${r.mismatch ? `\n  MISMATCH: ${r.mismatch}` : ""}`,
  );
}

type Summary = {
  driver: "pg" | "pglite";
  layout: Layout;
  rows: number;
  runs: number;
  csvMb: number;
  landed: number;
  uploadS: number;
  previewS: number;
  runS: number;
  oursS: number;
  copyS: number;
  oursPerSec: number;
  filePerSec: number;
  copyPerSec: number;
  ratio: number;
  rssBeforeMb: number;
  rssPeakMb: number;
  rssGrowthMb: number;
  mismatches: number;
  mismatchText: string[];
};

function summarize(size: SizeResult): Summary {
  const pick = (f: (r: RunResult) => number) => median(size.runs.map(f));
  const oursPerSec = pick((r) => r.counts.created / r.oursS);
  const copyPerSec = pick((r) => r.copied / r.copyS);
  return {
    driver: size.driver,
    layout: size.layout,
    rows: size.rows,
    runs: size.runs.length,
    csvMb: size.csvMb,
    landed: size.expected.new,
    uploadS: pick((r) => r.uploadS),
    previewS: pick((r) => r.previewS),
    runS: pick((r) => r.runS),
    oursS: pick((r) => r.oursS),
    copyS: pick((r) => r.copyS),
    oursPerSec,
    filePerSec: pick((r) => size.rows / r.oursS),
    copyPerSec,
    // Each run pairs our import with its own COPY on the same clone: the median of those ratios.
    ratio: pick((r) => r.counts.created / r.oursS / (r.copied / r.copyS)),
    rssBeforeMb: pick((r) => r.rss.beforeMb),
    rssPeakMb: pick((r) => r.rss.peakMb),
    rssGrowthMb: pick((r) => r.rss.growthMb),
    mismatches: size.runs.filter((r) => r.mismatch).length,
    mismatchText: size.runs.flatMap((r) => (r.mismatch ? [r.mismatch] : [])),
  };
}

function markdownTable(rows: Summary[]): string {
  const header = [
    "| Database | File | File rows | MiB | Runs | Upload s | Preview s | Run s | Ours s (upload + run) | Rows landed | Ours rows/s (landed) | File rows/s | COPY s | COPY rows/s | Ratio ours/COPY | RSS before MB | Peak RSS MB | Peak growth MB |",
    "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
  ];
  return [
    ...header,
    ...rows.map(
      (s) =>
        `| ${s.driver === "pg" ? "PostgreSQL server" : "PGlite (embedded)"} | ${LAYOUT_NAMES[s.layout]} | ${fmtInt(s.rows)} | ${s.csvMb.toFixed(1)} | ${s.runs} | ${fmtS(s.uploadS)} | ${fmtS(s.previewS)} | ${fmtS(s.runS)} | ${fmtS(s.oursS)} | ` +
        `${fmtInt(s.landed)} | ${fmtInt(s.oursPerSec)} | ${fmtInt(s.filePerSec)} | ${fmtS(s.copyS)} | ${fmtInt(s.copyPerSec)} | ${fmtRatio(s.ratio)} | ${fmtMb(s.rssBeforeMb)} | ${fmtMb(s.rssPeakMb)} | ${fmtMb(s.rssGrowthMb)} |`,
    ),
  ].join("\n");
}

function docsSection(info: {
  root: string;
  pgVersion: string;
  table: string;
  checks: { target: string; pass: boolean | null; got: string }[];
  summaries: Summary[];
  seeded: { seeded: boolean; seedSeconds?: number };
  args: Args;
}): string {
  const runsNote = info.summaries.map((s) => `${s.driver === "pg" ? "server" : "PGlite"} ${fmtInt(s.rows)}: ${s.runs} run${s.runs === 1 ? "" : "s"}`).join(", ");
  return [
    "## Import",
    "",
    machineLine(info.root, info.pgVersion),
    "",
    `Data: the target workspace already holds ${fmtInt(PRESEED)} contacts (plus ${EXTRA_WORKSPACES} other workspaces of ${fmtInt(extraSize(PRESEED))}), seeded by \`scripts/seed\` into a template database that every run clones. ` +
      "The file (`bench/lib/import-data.ts`) has the columns First name, Last name, Company, Phone, Email and the seed's people: 70% US / 15% GB / 15% other countries, " +
      "phones in mixed formats (`(201) 555-0123`, `201.555.0123`, `201-555-0123`, `2015550123`, `+1 201 555 0123`, `+44 20 7946 0958`, `+442079460958`, `011 44 20 7946 0958`), all valid; " +
      "2% of rows repeat an earlier row's phone in another format (skipped as in-file duplicates), 2% carry the phone of a contact already in the workspace (skipped as existing), " +
      "1% are invalid (no name, or a bad phone and no email). Company is filled on about 20% of rows: with the seed's 70% a 1,000,000-row file is 57.5 MiB, over the app's 50 MiB upload limit. " +
      "The same people are also written as a Google Contacts export (30 of its columns as Google writes them, most empty; every phone labelled Mobile, the `* myContacts` label on every row and `Customers` on 5%, a second, work number on 10% of new rows, which the import does not keep) " +
      `and as a vCard 3.0 file (FN, N, ORG, TEL;TYPE=CELL, a TEL;TYPE=WORK on 10% of new rows, EMAIL): the Google file at ${fmtInt(GOOGLE_ROWS)} rows by default, since its 30 columns take about 100 bytes a row and 1,000,000 rows would be about 100 MB, twice the 50 MB upload limit of SPEC §4. ` +
      "Their baselines are the same COPY of the rows that land (the Google file's list memberships are work the baseline does not do).",
    "",
    "Method: `next start`, signed in as the Super Admin. Each run starts a fresh server on a fresh clone, warms the routes up with the preview of a 200-row file, then: " +
      "`POST /api/imports?fileName=…&header=1` with the file streamed from disk as the body (upload), `POST /api/imports/:id/preview` with the auto-mapped columns and duplicates = skip (dry run), " +
      `\`POST /api/imports/:id/run\`; after each POST, \`GET /api/imports/:id\` every ${POLL_MS} ms until the job is previewed / completed. ` +
      "**Ours = upload + run** (the preview, a full rolled-back run the wizard requires first, is reported apart). Counts of every run are checked against the generator's expectations. " +
      "Peak RSS: VmRSS of the server (`scripts/serve.mjs` as `npm start` runs it: on PostgreSQL its primary and one `next start` worker per core, summed; on PGlite one process) sampled every 200 ms from /proc during upload + preview + run; growth = peak − RSS just before the upload. " +
      "On PGlite the database runs inside that process, so its memory is included.",
    "",
    "Baseline, in the same run on the same fresh clone before the server starts: `CREATE TABLE contacts_copy_baseline (LIKE contacts INCLUDING ALL)` (same defaults, generated search column, primary key and " +
      "every index, the trigram GIN one included; LIKE copies no triggers, so the baseline does not pay the attribute-value count triggers that contacts has since migration 0010) plus the workspace foreign key, filled with the same existing rows and VACUUM ANALYZEd, then timed: `COPY contacts_copy_baseline (…) FROM STDIN` (pg-copy-streams, from a file) " +
      "of exactly the rows the import creates, pre-normalized in the bench process (E.164 phone, digits, country, lower-case email, display name; duplicates and invalid rows dropped). " +
      "On PGlite the baseline is `COPY … FROM '/dev/blob'` of the same text, in the bench process on a copy of the same data directory. " +
      "Rows/s are rows landed per second for both, so a run's ratio = ours rows/s ÷ COPY rows/s = COPY time ÷ our time; the ratio reported is the median of the runs' ratios (each run paired with its own baseline), so it can differ from dividing the median rows/s. File rows/s counts every row of the file. " +
      `Each number is the median of the runs (${runsNote}).`,
    "",
    info.table,
    "",
    "Targets (PostgreSQL server):",
    "",
    ...info.checks.map((c) => `- ${c.pass === null ? "– not measured" : c.pass ? "✅ pass" : "❌ fail"} — ${c.target} (${c.got})`),
    "",
    `Reproduce: \`npm run bench:import -- --rows ${info.args.rows}\` (needs PostgreSQL with trust auth at 127.0.0.1:5432, or \`DATABASE_URL\` / \`BENCH_DATABASE_URL\`; ` +
      `the template database \`${TEMPLATE_DB}\` is reused while it holds the expected data; \`--small 0\`, \`--no-pglite\`, \`--runs\`, \`--large-runs\` (runs at ≥ 1,000,000 rows) trim it).`,
  ].join("\n");
}

runMain(main);
