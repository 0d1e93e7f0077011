// npm run bench:export -- [--rows 1000000] [--runs 3] [--pglite-rows 100000] [--build] [--reseed] [--no-docs] [--no-pglite]
//
// Contact export at scale through the route a browser downloads from,
// `GET /api/contacts/export?format=csv|xlsx&scope=all` (every column, the
// contacts page's order), against `next start` on a PostgreSQL server
// (DATABASE_URL or BENCH_DATABASE_URL selects it; default 127.0.0.1:5432).
// The workspace holds N contacts (plus 3 other workspaces of N/10) seeded by
// scripts/seed into `switchboard_bench_export` (reused while it holds them).
//
// Per run: the CSV download read to the end (bytes and lines counted), the
// baseline `COPY (SELECT the same columns … ORDER BY lower(display_name), id)
// TO STDOUT WITH (FORMAT csv)` read to the end by this process, and the XLSX
// download. The server's RSS is sampled every 200 ms from /proc during each
// download. Also the embedded database (PGlite) at --pglite-rows.
//
// The last line of stdout is one JSON object for the PostgreSQL server CSV export at --rows:
// {"rows":N,"oursRowsPerSec":..,"copyRowsPerSec":..,"ratio":..,"peakRssGrowthMb":..,"xlsxRowsPerSec":..}
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { PGlite } from "@electric-sql/pglite";
import type { Client } from "pg";
import { to as copyTo } from "pg-copy-streams";
import { STANDARD_EXPORT_COLUMNS, safeSql } from "@/lib/export/columns";
import { DEMO_ADMIN, DEMO_WORKSPACE } from "@/scripts/seed";
import { ensurePostgres, EXTRA_WORKSPACES, extraSize, prepareBenchDatabase } from "./lib/db";
import { signIn, type Session } from "./lib/http";
import { copyDataDir, openPglite, preparePgliteTemplate, startNextPglite } from "./lib/pglite";
import { pidListeningOn, portOf, RssSampler, type RssWindow } from "./lib/proc";
import { demoIds, download, fmtInt, fmtMb, fmtRatio, fmtS, machineLine, parseFlags, round, serverUrl, withClient, writeDocsSection } from "./lib/report";
import { ensureBuild, startNext } from "./lib/server";
import { median } from "./lib/stats";
import { runMain } from "./lib/main";

const USAGE = "usage: npm run bench:export -- [--rows 1000000] [--runs 3] [--pglite-rows 100000] [--build] [--reseed] [--no-docs] [--no-pglite]";
const EXPORT_DB = "switchboard_bench_export";
const TARGETS = { ratio: 0.5, rssGrowthMb: 150, atRows: 1_000_000 };
const CSV_PATH = "/api/contacts/export?format=csv&scope=all";
const XLSX_PATH = "/api/contacts/export?format=xlsx&scope=all";

type Args = { rows: number; runs: number; pgliteRows: number; build: boolean; reseed: boolean; docs: boolean; pglite: boolean };

type Download = { seconds: number; firstByteS: number; bytes: number; rows: number; rss: RssWindow };
type RunResult = { csv: Download; xlsx: Download; copyS: number; copyBytes: number; copyRows: number; copyGuardS: number };
type SizeResult = { driver: "pg" | "pglite"; rows: number; runs: RunResult[]; problems: string[] };

function log(line: string) {
  console.log(line);
}

/** The export's columns and order, without the formula guard (`guard`: with it, as the app's COPY has it). */
function baselineSelect(workspaceId: string, guard: boolean): string {
  const columns = STANDARD_EXPORT_COLUMNS.map((c) => (guard ? safeSql(c) : c.sql)).join(", ");
  return `SELECT ${columns} FROM contacts c WHERE c.workspace_id = '${workspaceId}' ORDER BY lower(c.display_name), c.id`;
}

async function copyOutPg(client: Client, select: string): Promise<{ seconds: number; bytes: number; rows: number }> {
  const started = performance.now();
  let bytes = 0;
  const stream = client.query(copyTo(`COPY (${select}) TO STDOUT WITH (FORMAT csv)`));
  await pipeline(
    stream,
    new Writable({
      write(chunk: Buffer, _enc, done) {
        bytes += chunk.length;
        done();
      },
    }),
  );
  return { seconds: (performance.now() - started) / 1000, bytes, rows: stream.rowCount };
}

/** PGlite: COPY … TO '/dev/blob' (the result is held in memory, which is why the app pages instead). */
async function copyOutPglite(client: PGlite, select: string): Promise<{ seconds: number; bytes: number; rows: number }> {
  const started = performance.now();
  const result = await client.query(`COPY (${select}) TO '/dev/blob' WITH (FORMAT csv)`);
  const bytes = result.blob?.size ?? 0;
  return { seconds: (performance.now() - started) / 1000, bytes, rows: result.affectedRows ?? 0 };
}

async function timedDownload(session: Session, pid: number, pathname: string, kind: "csv" | "xlsx"): Promise<Download> {
  const sampler = new RssSampler(pid);
  sampler.start();
  const d = await download(session, pathname);
  const rss = sampler.stop();
  if (d.status !== 200) throw new Error(`GET ${pathname}: HTTP ${d.status}`);
  // CSV: one line per contact after the header (the seed's values hold no line breaks). XLSX: counted from the audit entry, when readable.
  return { seconds: d.ms / 1000, firstByteS: d.firstByteMs / 1000, bytes: d.bytes, rows: kind === "csv" ? d.newlines - 1 : Number.NaN, rss };
}

/** The rows the last export of `format` recorded in the audit log (written when the stream ends). */
async function auditedRows(url: string, workspaceId: string, format: string): Promise<number> {
  return withClient(url, async (client) => {
    for (let i = 0; i < 40; i++) {
      const { rows } = await client.query<{ rows: string | null; format: string }>(
        `SELECT after->>'rows' AS rows, after->>'format' AS format FROM audit_log WHERE workspace_id = $1 AND action = 'contacts.exported' ORDER BY created_at DESC LIMIT 1`,
        [workspaceId],
      );
      if (rows[0]?.format === format && rows[0].rows !== null) return Number(rows[0].rows);
      await new Promise((r) => setTimeout(r, 100));
    }
    return Number.NaN;
  });
}

async function warmUp(session: Session, oneId: string) {
  for (const format of ["csv", "xlsx"]) {
    const d = await download(session, `/api/contacts/export?format=${format}&scope=selected&ids=${oneId}`);
    if (d.status !== 200) throw new Error(`warm-up export (${format}): HTTP ${d.status}`);
  }
}

async function main() {
  const args = parseFlags<Args>(process.argv.slice(2), { rows: 1_000_000, runs: 3, pgliteRows: 100_000, build: false, reseed: false, docs: true, pglite: true }, USAGE);
  if (args.rows <= 0 || args.runs <= 0) throw new Error(USAGE);
  const root = process.cwd();
  if (!fs.existsSync(path.join(root, "db", "migrations"))) throw new Error("run from the repository root (npm run bench:export)");
  const work = path.join(os.tmpdir(), "switchboard-bench-export");
  fs.mkdirSync(work, { recursive: true });

  const url = serverUrl(EXPORT_DB);
  await ensurePostgres(url, log);
  ensureBuild(root, args.build, log);
  const seeded = await prepareBenchDatabase({ url, root, contacts: args.rows, reseed: args.reseed, log });
  const { ids, pgVersion, oneId } = await withClient(url, async (c) => {
    const ids = await demoIds(c, DEMO_WORKSPACE, DEMO_ADMIN.email);
    return {
      ids,
      pgVersion: (await c.query<{ version: string }>("SELECT version()")).rows[0].version,
      oneId: (await c.query<{ id: string }>("SELECT id FROM contacts WHERE workspace_id = $1 LIMIT 1", [ids.workspaceId])).rows[0].id,
    };
  });

  const results: SizeResult[] = [];
  {
    const size: SizeResult = { driver: "pg", rows: args.rows, runs: [], problems: [] };
    results.push(size);
    log(`Starting next start against ${url.replace(/\/\/[^@/]*@/, "//…@")}…`);
    const server = await startNext(root, url);
    try {
      const session = await signIn(server.url, DEMO_ADMIN.email, DEMO_ADMIN.password);
      const pid = pidListeningOn(portOf(server.url));
      await warmUp(session, oneId);
      await withClient(url, async (client) => {
        await copyOutPg(client, baselineSelect(ids.workspaceId, false) + " LIMIT 1000"); // warm the baseline's plan and cache too
        for (let r = 1; r <= args.runs; r++) {
          const csv = await timedDownload(session, pid, CSV_PATH, "csv");
          const csvAudited = await auditedRows(url, ids.workspaceId, "csv");
          const copy = await copyOutPg(client, baselineSelect(ids.workspaceId, false));
          const guarded = await copyOutPg(client, baselineSelect(ids.workspaceId, true));
          const xlsx = await timedDownload(session, pid, XLSX_PATH, "xlsx");
          xlsx.rows = await auditedRows(url, ids.workspaceId, "xlsx");
          for (const [what, n] of [["CSV lines", csv.rows], ["CSV audit", csvAudited], ["COPY", copy.rows], ["XLSX audit", xlsx.rows]] as const) {
            if (n !== args.rows) size.problems.push(`run ${r}: ${what} ${n} rows, expected ${args.rows}`);
          }
          const result: RunResult = { csv, xlsx, copyS: copy.seconds, copyBytes: copy.bytes, copyRows: copy.rows, copyGuardS: guarded.seconds };
          size.runs.push(result);
          logRun(`pg ${fmtInt(args.rows)} run ${r}/${args.runs}`, result, args.rows);
        }
      });
    } catch (error) {
      log(`  server log: ${server.logFile}`);
      throw error;
    } finally {
      await server.stop();
    }
  }

  if (args.pglite && args.pgliteRows > 0) {
    const rows = args.pgliteRows;
    const tplDir = path.join(work, "pglite-template");
    log(`\nPGlite: seeding a data directory (${fmtInt(rows)} + ${EXTRA_WORKSPACES} × ${fmtInt(extraSize(rows))})…`);
    const seed = await preparePgliteTemplate(tplDir, rows, () => undefined);
    log(`  ${seed.seconds.toFixed(0)} s`);
    const size: SizeResult = { driver: "pglite", rows, runs: [], problems: [] };
    results.push(size);
    // The baseline runs in this process on a copy (one process per data directory).
    const baseDir = path.join(work, "pglite-baseline");
    copyDataDir(tplDir, baseDir);
    const base = await openPglite(baseDir);
    const pgliteId = (await base.client.query<{ id: string }>("SELECT id FROM contacts WHERE workspace_id = $1 LIMIT 1", [seed.workspaceId])).rows[0].id;
    const copies: { seconds: number; bytes: number; rows: number; guardS: number }[] = [];
    try {
      await copyOutPglite(base.client, baselineSelect(seed.workspaceId, false) + " LIMIT 1000");
      for (let r = 1; r <= args.runs; r++) {
        const plain = await copyOutPglite(base.client, baselineSelect(seed.workspaceId, false));
        const guarded = await copyOutPglite(base.client, baselineSelect(seed.workspaceId, true));
        copies.push({ ...plain, guardS: guarded.seconds });
      }
    } finally {
      await base.close();
      fs.rmSync(baseDir, { recursive: true, force: true });
    }
    const server = await startNextPglite(root, tplDir);
    try {
      const session = await signIn(server.url, DEMO_ADMIN.email, DEMO_ADMIN.password);
      const pid = pidListeningOn(portOf(server.url));
      await warmUp(session, pgliteId);
      for (let r = 1; r <= args.runs; r++) {
        const csv = await timedDownload(session, pid, CSV_PATH, "csv");
        const xlsx = await timedDownload(session, pid, XLSX_PATH, "xlsx");
        const copy = copies[r - 1];
        if (csv.rows !== rows) size.problems.push(`run ${r}: CSV ${csv.rows} rows, expected ${rows}`);
        if (copy.rows !== rows) size.problems.push(`run ${r}: COPY ${copy.rows} rows, expected ${rows}`);
        const result: RunResult = { csv, xlsx, copyS: copy.seconds, copyBytes: copy.bytes, copyRows: copy.rows, copyGuardS: copy.guardS };
        size.runs.push(result);
        logRun(`PGlite ${fmtInt(rows)} run ${r}/${args.runs}`, result, rows);
      }
    } catch (error) {
      log(`  server log: ${server.logFile}`);
      throw error;
    } finally {
      await server.stop();
    }
  }

  // ------------------------------------------------------------ summary
  const summaries = results.map(summarize);
  const table = markdownTable(summaries);
  log("");
  log(table);
  const main = summaries[0];
  const atTarget = summaries.find((s) => s.driver === "pg" && s.rows === TARGETS.atRows);
  const checks = [
    { target: `CSV: ratio ours/COPY ≥ ${TARGETS.ratio} at ${fmtInt(TARGETS.atRows)} rows`, pass: atTarget ? atTarget.ratio >= TARGETS.ratio : null, got: atTarget ? fmtRatio(atTarget.ratio) : "not measured in this run" },
    {
      target: `CSV: server peak RSS growth < ${TARGETS.rssGrowthMb} MB at ${fmtInt(TARGETS.atRows)} rows`,
      pass: atTarget ? atTarget.csvGrowthMb < TARGETS.rssGrowthMb : null,
      got: atTarget ? `${fmtMb(atTarget.csvGrowthMb)} MB (XLSX: ${fmtMb(atTarget.xlsxGrowthMb)} MB)` : "not measured in this run",
    },
    { target: "Every download has every row (CSV lines, COPY rows, audit entries)", pass: summaries.every((s) => s.problems.length === 0), got: `${summaries.reduce((n, s) => n + s.problems.length, 0)} problems` },
  ];
  for (const c of checks) log(`${c.pass === null ? "N/A " : c.pass ? "PASS" : "FAIL"}  ${c.target} — ${c.got}`);
  for (const s of summaries) for (const p of s.problems) log(`  ${s.driver} ${fmtInt(s.rows)}: ${p}`);

  if (args.docs) {
    const file = writeDocsSection(root, "export", docsSection({ root, pgVersion, table, checks, summaries, seeded, args }));
    log(`Wrote ${path.relative(root, file)}`);
  }
  // Must stay the very last line of stdout.
  console.log(
    JSON.stringify({
      rows: args.rows,
      oursRowsPerSec: round(main.csvPerSec),
      copyRowsPerSec: round(main.copyPerSec),
      ratio: round(main.ratio, 3),
      peakRssGrowthMb: round(main.csvGrowthMb),
      xlsxRowsPerSec: round(main.xlsxPerSec),
    }),
  );
}

function logRun(label: string, r: RunResult, rows: number) {
  log(
    `  ${label}: CSV ${fmtS(r.csv.seconds)} s (${fmtInt(rows / r.csv.seconds)}/s, ${(r.csv.bytes / 2 ** 20).toFixed(0)} MiB, first byte ${fmtS(r.csv.firstByteS)} s, RSS +${fmtMb(r.csv.rss.growthMb)} MB); ` +
      `COPY ${fmtS(r.copyS)} s (${fmtInt(rows / r.copyS)}/s; with formula guard ${fmtS(r.copyGuardS)} s); ratio ${fmtRatio(r.copyS / r.csv.seconds)}; ` +
      `XLSX ${fmtS(r.xlsx.seconds)} s (${fmtInt(rows / r.xlsx.seconds)}/s, ${(r.xlsx.bytes / 2 ** 20).toFixed(0)} MiB, RSS +${fmtMb(r.xlsx.rss.growthMb)} MB)`,
  );
}

type Summary = {
  driver: "pg" | "pglite";
  rows: number;
  runs: number;
  csvS: number;
  csvFirstByteS: number;
  csvMb: number;
  csvPerSec: number;
  copyS: number;
  copyPerSec: number;
  copyGuardS: number;
  ratio: number;
  xlsxS: number;
  xlsxMb: number;
  xlsxPerSec: number;
  rssBeforeMb: number;
  csvPeakMb: number;
  csvGrowthMb: number;
  xlsxPeakMb: number;
  xlsxGrowthMb: number;
  problems: string[];
};

function summarize(size: SizeResult): Summary {
  const pick = (f: (r: RunResult) => number) => median(size.runs.map(f));
  const csvPerSec = pick((r) => size.rows / r.csv.seconds);
  const copyPerSec = pick((r) => size.rows / r.copyS);
  return {
    driver: size.driver,
    rows: size.rows,
    runs: size.runs.length,
    csvS: pick((r) => r.csv.seconds),
    csvFirstByteS: pick((r) => r.csv.firstByteS),
    csvMb: pick((r) => r.csv.bytes / 2 ** 20),
    csvPerSec,
    copyS: pick((r) => r.copyS),
    copyPerSec,
    copyGuardS: pick((r) => r.copyGuardS),
    // Each run pairs our download with its own COPY: the median of those ratios.
    ratio: pick((r) => r.copyS / r.csv.seconds),
    xlsxS: pick((r) => r.xlsx.seconds),
    xlsxMb: pick((r) => r.xlsx.bytes / 2 ** 20),
    xlsxPerSec: pick((r) => size.rows / r.xlsx.seconds),
    rssBeforeMb: pick((r) => r.csv.rss.beforeMb),
    csvPeakMb: pick((r) => r.csv.rss.peakMb),
    csvGrowthMb: pick((r) => r.csv.rss.growthMb),
    xlsxPeakMb: pick((r) => r.xlsx.rss.peakMb),
    xlsxGrowthMb: pick((r) => r.xlsx.rss.growthMb),
    problems: size.problems,
  };
}

function markdownTable(rows: Summary[]): string {
  return [
    "| Database | Rows | Runs | CSV s | CSV first byte s | CSV MiB | CSV rows/s | COPY TO STDOUT s | COPY rows/s | Ratio CSV/COPY | COPY with formula guard s | CSV RSS before → peak MB (growth) | XLSX s | XLSX MiB | XLSX rows/s | XLSX peak RSS MB (growth) |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ...rows.map(
      (s) =>
        `| ${s.driver === "pg" ? "PostgreSQL server" : "PGlite (embedded)"} | ${fmtInt(s.rows)} | ${s.runs} | ${fmtS(s.csvS)} | ${fmtS(s.csvFirstByteS)} | ${s.csvMb.toFixed(0)} | ${fmtInt(s.csvPerSec)} | ` +
        `${fmtS(s.copyS)} | ${fmtInt(s.copyPerSec)} | ${fmtRatio(s.ratio)} | ${fmtS(s.copyGuardS)} | ${fmtMb(s.rssBeforeMb)} → ${fmtMb(s.csvPeakMb)} (+${fmtMb(s.csvGrowthMb)}) | ` +
        `${fmtS(s.xlsxS)} | ${s.xlsxMb.toFixed(0)} | ${fmtInt(s.xlsxPerSec)} | ${fmtMb(s.xlsxPeakMb)} (+${fmtMb(s.xlsxGrowthMb)}) |`,
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
  const n = fmtInt(info.args.rows);
  return [
    "## Export",
    "",
    machineLine(info.root, info.pgVersion),
    "",
    `Data: ${n} contacts in one workspace plus ${EXTRA_WORKSPACES} other workspaces of ${fmtInt(extraSize(info.args.rows))}, generated by \`scripts/seed\` into \`${EXPORT_DB}\`` +
      (info.seeded.seeded && info.seeded.seedSeconds ? ` (seeded in ${info.seeded.seedSeconds.toFixed(0)} s)` : "") +
      `; PGlite: ${fmtInt(info.args.pgliteRows)} + ${EXTRA_WORKSPACES} × ${fmtInt(extraSize(info.args.pgliteRows))} in a fresh data directory.`,
    "",
    "Method: `next start`, signed in as the Super Admin; one warm-up export of one selected contact per format, then per run: " +
      `\`GET ${CSV_PATH}\` (all ${STANDARD_EXPORT_COLUMNS.length} standard columns, lists included, ordered by name), read to the end and its lines counted; ` +
      "the baseline `COPY (SELECT <the same column expressions> FROM contacts c WHERE c.workspace_id = … ORDER BY lower(c.display_name), c.id) TO STDOUT WITH (FORMAT csv)` " +
      "read to the end by the bench process (pg-copy-streams), and the same COPY with the app's formula guard `sb_safe_cell()` on every free-text column (as the app applies it), for reference; " +
      `then \`GET ${XLSX_PATH}\`. Rows/s = contacts ÷ seconds to the last byte; a run's ratio = CSV rows/s ÷ COPY rows/s of that run, and the ratio reported is the median of the runs' ratios (so it can differ from dividing the median rows/s). ` +
      "Row counts are checked (CSV lines, COPY row count, and on the server the audit entry of each export). " +
      "Peak RSS: VmRSS of the server (`scripts/serve.mjs` as `npm start` runs it: on PostgreSQL its primary and one `next start` worker per core, summed; on PGlite one process) sampled every 200 ms from /proc during each download; growth = peak − RSS just before it. " +
      "On PGlite the app pages through keyset queries (its COPY TO holds the whole result in memory) and the baseline is `COPY (…) TO '/dev/blob'` in the bench process on a copy of the same data directory. " +
      `Each number is the median of ${info.args.runs} runs.`,
    "",
    info.table,
    "",
    `Targets (PostgreSQL server, ${fmtInt(TARGETS.atRows)} rows; XLSX has no target, its rows/s are reported):`,
    "",
    ...info.checks.map((c) => `- ${c.pass === null ? "– not measured" : c.pass ? "✅ pass" : "❌ fail"} — ${c.target} (${c.got})`),
    "",
    `Reproduce: \`npm run bench:export -- --rows ${info.args.rows}\` (needs PostgreSQL with trust auth at 127.0.0.1:5432, or \`DATABASE_URL\` / \`BENCH_DATABASE_URL\`; ` +
      `\`${EXPORT_DB}\` is reused while it holds the requested data, \`--reseed\` forces a fresh one; \`--no-pglite\`, \`--runs\` trim it).`,
  ].join("\n");
}

runMain(main);
