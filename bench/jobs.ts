// npm run bench:jobs -- [--contacts 100000] [--rows 1000000] [--clients 16] [--warmup 30] [--seconds 60] [--build] [--reseed] [--no-docs]
//
// Page requests while background jobs run (issue 13): the contacts page's
// latency with 16 concurrent clients, first with the server idle, then while
// an import of --rows rows runs (its preview, then its run, on the job
// queue's own connections), against `next start` (scripts/serve.mjs, workers
// in the web processes) on a PostgreSQL server. Reports p50/p95/p99 and
// errors of each window and the ratio of the p95s; target: during ≤ 2× idle,
// 0 errors. Results go to docs/benchmarks.md (section "jobs") and the last
// line of stdout is one JSON object.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { autoMap } from "@/lib/import/fields";
import { DEMO_ADMIN } from "@/scripts/seed";
import { ensurePostgres, prepareBenchDatabase } from "./lib/db";
import { signIn, type Session } from "./lib/http";
import { generateImportFiles } from "./lib/import-data";
import { runMain } from "./lib/main";
import { fmtInt, fmtRatio, machineLine, parseFlags, postFile, postJson, round, serverUrl, withClient, writeDocsSection } from "./lib/report";
import { ensureBuild, startNext } from "./lib/server";
import { percentile } from "./lib/stats";

const USAGE = "usage: npm run bench:jobs -- [--contacts 100000] [--rows 1000000] [--clients 16] [--warmup 30] [--seconds 60] [--build] [--reseed] [--no-docs]";
const DATABASE = "sb_jobsbench";
const PAGE = "/contacts";
const TARGET_RATIO = 2;

type Args = { contacts: number; rows: number; clients: number; warmup: number; seconds: number; build: boolean; reseed: boolean; docs: boolean };
type Window = { requests: number; errors: number; p50: number; p95: number; p99: number; seconds: number };

const log = (line: string) => console.log(line);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** `clients` loops requesting `path` one after another until `done()`; each response's time to its last byte. */
async function load(session: Session, clients: number, done: () => boolean): Promise<Window> {
  const samples: number[] = [];
  let errors = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (!done()) {
        const t0 = performance.now();
        try {
          const { status } = await session.get(PAGE);
          if (status !== 200) errors++;
        } catch {
          errors++;
        }
        samples.push(performance.now() - t0);
      }
    }),
  );
  return { requests: samples.length, errors, p50: percentile(samples, 50), p95: percentile(samples, 95), p99: percentile(samples, 99), seconds: (performance.now() - started) / 1000 };
}

async function jobStatus(session: Session, id: string): Promise<{ status: string; error: string | null; result: { created: number } | null }> {
  const { status, body } = await session.get(`/api/imports/${id}`);
  if (status !== 200) throw new Error(`GET /api/imports/${id}: HTTP ${status}`);
  return JSON.parse(body) as { status: string; error: string | null; result: { created: number } | null };
}

async function main() {
  const args = parseFlags<Args>(process.argv.slice(2), { contacts: 100_000, rows: 1_000_000, clients: 16, warmup: 30, seconds: 60, build: false, reseed: false, docs: true }, USAGE);
  const root = process.cwd();
  if (!fs.existsSync(path.join(root, "db", "migrations"))) throw new Error("run from the repository root (npm run bench:jobs)");
  const url = serverUrl(DATABASE);
  await ensurePostgres(url, log);
  ensureBuild(root, args.build, log);
  await prepareBenchDatabase({ url, root, contacts: args.contacts, reseed: args.reseed, log });
  const pgVersion = await withClient(url, async (c) => (await c.query<{ version: string }>("SELECT version()")).rows[0].version);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "switchboard-bench-jobs-"));
  const csv = path.join(work, "import.csv");
  const generated = await generateImportFiles({ rows: args.rows, preseed: args.contacts, csvPath: csv });
  log(`${fmtInt(args.rows)}-row file: ${(generated.csvBytes / 2 ** 20).toFixed(1)} MiB, ${fmtInt(generated.expected.new)} new.`);

  const server = await startNext(root, url);
  try {
    const session = await signIn(server.url, DEMO_ADMIN.email, DEMO_ADMIN.password);
    // The warm-up is long on purpose: the first seconds of load still compile
    // and cache (JIT, query plans, the pool filling), and an idle window that
    // includes them makes the idle p95 look worse and the ratio look better.
    log(`Warm-up: ${args.clients} clients on ${PAGE} for ${args.warmup} s…`);
    await load(session, args.clients, ((end) => () => Date.now() > end)(Date.now() + args.warmup * 1000));
    log(`Idle: ${args.clients} clients on ${PAGE} for ${args.seconds} s…`);
    const idle = await load(session, args.clients, ((end) => () => Date.now() > end)(Date.now() + args.seconds * 1000));

    const upload = await postFile(session, `/api/imports?fileName=bench.csv&header=1`, csv);
    if (upload.status !== 201) throw new Error(`upload: HTTP ${upload.status} ${upload.body.slice(0, 200)}`);
    const job = JSON.parse(upload.body) as { id: string; columns: string[] };
    let finished = false;
    let outcome = "";
    const follow = (async () => {
      const preview = await postJson(session, `/api/imports/${job.id}/preview`, { options: { mapping: autoMap(job.columns, []) } });
      if (preview.status !== 202) throw new Error(`preview: HTTP ${preview.status}`);
      for (;;) {
        const s = await jobStatus(session, job.id);
        if (s.status === "failed") throw new Error(`preview failed: ${s.error}`);
        if (s.status === "previewed") break;
        await sleep(250);
      }
      const run = await postJson(session, `/api/imports/${job.id}/run`);
      if (run.status !== 202) throw new Error(`run: HTTP ${run.status}`);
      for (;;) {
        const s = await jobStatus(session, job.id);
        if (s.status === "failed") throw new Error(`run failed: ${s.error}`);
        if (s.status === "completed") {
          outcome = `${fmtInt(s.result?.created ?? 0)} created`;
          break;
        }
        await sleep(250);
      }
    })().finally(() => {
      finished = true;
    });
    log(`During the import (preview and run): ${args.clients} clients on ${PAGE}…`);
    const during = await load(session, args.clients, () => finished);
    await follow;

    const ratio = during.p95 / idle.p95;
    const pass = ratio <= TARGET_RATIO && during.errors === 0 && idle.errors === 0;
    const row = (name: string, w: Window) => `| ${name} | ${fmtInt(w.requests)} | ${w.seconds.toFixed(0)} s | ${w.p50.toFixed(0)} | ${w.p95.toFixed(0)} | ${w.p99.toFixed(0)} | ${w.errors} |`;
    const table = [
      `| ${PAGE}, ${args.clients} clients | requests | window | p50 ms | p95 ms | p99 ms | errors |`,
      "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
      row("idle", idle),
      row(`during a ${fmtInt(args.rows)}-row import`, during),
    ].join("\n");
    log(table);
    log(`${pass ? "PASS" : "FAIL"}  p95 during ≤ ${TARGET_RATIO}× idle, 0 errors — ${fmtRatio(ratio)}×, ${during.errors + idle.errors} errors (import: ${outcome})`);
    if (args.docs) {
      const body = [
        "## Page requests while an import runs (`npm run bench:jobs`)",
        "",
        machineLine(root, pgVersion),
        "",
        `${fmtInt(args.contacts)} contacts in the workspace; the import (${fmtInt(args.rows)} rows, preview then run) runs on the job queue's workers in the web processes, on their own connections.`,
        "",
        table,
        "",
        `p95 during / idle: ${fmtRatio(ratio)} (target ≤ ${TARGET_RATIO}, 0 errors): ${pass ? "met" : "not met"}.`,
      ].join("\n");
      log(`Wrote ${path.relative(root, writeDocsSection(root, "jobs", body))}`);
    }
    console.log(JSON.stringify({ clients: args.clients, rows: args.rows, idleP95Ms: round(idle.p95), duringP95Ms: round(during.p95), ratio: round(ratio, 2), errors: idle.errors + during.errors }));
  } finally {
    await server.stop();
    fs.rmSync(work, { recursive: true, force: true });
  }
}

runMain(main);
