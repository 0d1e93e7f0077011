// npm run bench:contacts -- [--contacts N] [--reseed] [--build] [--runs 3] [--duration 8] [--requests 200] [--no-docs]
//                            [--sql-only] [--explain] [--load wrk|autocannon]
//
// The contacts page and the invite picker's search at scale, against `next
// start` on a PostgreSQL server: N contacts in one workspace (default
// 1,000,000) plus 3 other workspaces of N/10. Per scenario: p50/p95/p99 with
// one client, pages/s with 16 concurrent clients (wrk when installed, else
// autocannon; --load picks one), and the SQL time
// of the same lib/ call measured directly. The whole measurement runs 3 times
// and the median of each number is reported; results go to docs/benchmarks.md
// and the last line of stdout is one JSON object.
//
// --sql-only skips the build and the server (SQL times only, nothing written);
// --explain prints, per scenario, each statement lib/ ran with its time and the
// EXPLAIN (ANALYZE, BUFFERS) of the slowest one.
import fs from "node:fs";
import path from "node:path";
import { openDatabase } from "@/db/client";
import { queryRows } from "@/db/query";
import { contextFor, resolveActor, type Ctx } from "@/lib/auth/actor";
import { listContacts } from "@/lib/contacts/list";
import { searchForPicker } from "@/lib/contacts/picker";
import { parseContactQuery } from "@/lib/contacts/query";
import { demoContact } from "@/scripts/seed/generate";
import { DEMO_ADMIN } from "@/scripts/seed";
import { sql } from "drizzle-orm";
import type { Pool } from "pg";
import { explainAnalyze, inlineParams, traceStatements } from "./lib/explain";
import { ensureSegments } from "./lib/segments";
import { benchDatabaseUrl, ensurePostgres, EXTRA_WORKSPACES, extraSize, prepareBenchDatabase, sampleRow } from "./lib/db";
import { measureLatency, measureThroughput, Session, signIn, type Throughput } from "./lib/http";
import { wrkThroughput, wrkVersion } from "./lib/wrk";
import { machineLine, writeDocsSection } from "./lib/report";
import { ensureBuild, startNext } from "./lib/server";
import { median, ms, percentile, timeRuns } from "./lib/stats";
import { runMain } from "./lib/main";
import { pidListeningOn, portOf, processTree } from "./lib/proc";

// ---------------------------------------------------------------- arguments

type Args = {
  contacts: number;
  reseed: boolean;
  build: boolean;
  runs: number;
  duration: number;
  requests: number;
  docs: boolean;
  sqlOnly: boolean;
  explain: boolean;
  load: "auto" | "wrk" | "autocannon";
};

const USAGE =
  "usage: npm run bench:contacts -- [--contacts N] [--reseed] [--build] [--runs 3] [--duration 8] [--requests 200] [--no-docs] [--sql-only] [--explain] [--load wrk|autocannon]";

function parseArgs(argv: string[]): Args {
  const args: Args = { contacts: 1_000_000, reseed: false, build: false, runs: 3, duration: 8, requests: 200, docs: true, sqlOnly: false, explain: false, load: "auto" };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split("=", 2);
    const num = () => {
      const n = Number((inline ?? argv[++i] ?? "").replace(/_/g, ""));
      if (!Number.isFinite(n) || n <= 0) throw new Error(`${flag} needs a positive number\n${USAGE}`);
      return n;
    };
    if (flag === "--contacts") args.contacts = Math.floor(num());
    else if (flag === "--reseed") args.reseed = true;
    else if (flag === "--build") args.build = true;
    else if (flag === "--runs") args.runs = Math.floor(num());
    else if (flag === "--duration") args.duration = num();
    else if (flag === "--requests") args.requests = Math.floor(num());
    else if (flag === "--no-docs") args.docs = false;
    else if (flag === "--sql-only") args.sqlOnly = true;
    else if (flag === "--explain") args.explain = true;
    else if (flag === "--load") {
      const tool = inline ?? argv[++i];
      if (tool !== "wrk" && tool !== "autocannon") throw new Error(`--load is wrk or autocannon\n${USAGE}`);
      args.load = tool;
    }
    else throw new Error(`unknown argument ${argv[i]}\n${USAGE}`);
  }
  return args;
}

// ---------------------------------------------------------------- scenarios

type Scenario = {
  key: string;
  label: string;
  kind: "page" | "picker";
  path: string;
  /** The same work the route does, straight against the database. */
  sql: (ctx: Ctx) => Promise<unknown>;
};

const PICKER_LIMIT = 20;

function scenarios(sample: { name: string; phoneDigits: string; listId: string }): Scenario[] {
  const page = (key: string, label: string, query: Record<string, string>): Scenario => {
    const search = new URLSearchParams(query).toString();
    return {
      key,
      label,
      kind: "page",
      path: `/contacts${search ? `?${search}` : ""}`,
      sql: (ctx) => listContacts(ctx, parseContactQuery(query)),
    };
  };
  // 7 digits from the middle/end of a stored number (never the country code).
  const partial = sample.phoneDigits.slice(-8, -1);
  const pickerQ = "mar";
  return [
    page("first", "First page", {}),
    page("page500", "Page 500", { page: "500" }),
    page("q3", "Search, 3 characters", { q: "ann" }),
    page("name", "Search, full name", { q: sample.name }),
    page("phone", "Search, partial phone", { q: partial }),
    page("favorites", "Favorites only", { favorites: "1" }),
    page("status", "Status filter (blocked)", { status: "blocked" }),
    page("list", "List filter (1% of contacts)", { list: sample.listId }),
    page("attribute", "Attribute filter (tier = Gold)", { "a.tier": "Gold" }),
    {
      key: "picker",
      label: `Picker search (JSON, ${PICKER_LIMIT})`,
      kind: "picker",
      path: `/api/contacts/search?${new URLSearchParams({ q: pickerQ })}`,
      sql: (ctx) => searchForPicker(ctx, pickerQ, PICKER_LIMIT),
    },
  ];
}

// ---------------------------------------------------------------- measuring

type Measurement = { p50: number; p95: number; p99: number; perSec: number; errors: number; sqlP50: number; sqlP95: number };

const SQL_RUNS = 50;
const SQL_WARMUP = 5;
const WARMUP = 20;
const WARMUP_SECONDS = 3;
const BASELINE_PATH = "/signin";
const CONNECTIONS = 16;
const TARGETS = { pageP95: 100, pickerP95: 50, pagesPerSec: 100 };

function log(line: string) {
  console.log(line);
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const root = process.cwd();
  if (!fs.existsSync(path.join(root, "db", "migrations"))) throw new Error("run from the repository root (npm run bench:contacts)");
  const url = benchDatabaseUrl();

  await ensurePostgres(url, log);
  const prepared = await prepareBenchDatabase({ url, root, contacts: args.contacts, reseed: args.reseed, log });
  if (!args.sqlOnly) ensureBuild(root, args.build, log);
  const load = loadGenerator(args.load);
  if (!args.sqlOnly) log(`Load generator: ${load.name}`);

  const handle = await openDatabase({ url, maintenance: true });
  const results: Record<string, Measurement[]> = {};
  const baselineRuns: number[] = [];
  let list: Scenario[] = [];
  let pgVersion = "";
  let workers = "";
  try {
    const [admin] = await queryRows<{ id: string }>(handle.db, sql`SELECT id FROM users WHERE lower(email) = ${DEMO_ADMIN.email}`);
    const actor = admin ? await resolveActor(handle.db, admin.id) : null;
    if (!actor) throw new Error(`${DEMO_ADMIN.email} has no workspace in the bench database; rerun with --reseed`);
    const ctx = contextFor(handle.db, actor);
    [{ version: pgVersion }] = await queryRows<{ version: string }>(handle.db, sql`SELECT version()`);
    const sampleContact = demoContact(sampleRow(args.contacts), Date.now());
    const { listId } = await ensureSegments(handle.db, actor.workspace.id, log);
    list = scenarios({ name: sampleContact.displayName, phoneDigits: sampleContact.phoneDigits!, listId });

    if (args.sqlOnly) {
      await sqlOnly(ctx, list, args);
      if (args.explain) await explainScenarios(ctx, handle.db, list);
      return;
    }

    log(`Starting next start against ${url.replace(/\/\/[^@/]*@/, "//…@")}…`);
    const server = await startNext(root, url);
    const tree = processTree(pidListeningOn(portOf(server.url)));
    workers = tree.length > 1 ? `${tree.length - 1} \`next start\` worker processes (node:cluster, one per core)` : "one `next start` process";
    log(`Server: ${workers}`);
    try {
      const session = await signIn(server.url, DEMO_ADMIN.email, DEMO_ADMIN.password);
      const home = await session.get("/contacts");
      if (home.status !== 200 || !home.body.includes(actor.name)) {
        throw new Error(`GET /contacts after sign-in: HTTP ${home.status}${home.status === 200 ? `, no "${actor.name}" in the page` : ""}`);
      }
      for (const s of list) {
        const { status, body } = await session.get(s.path);
        if (status !== 200) throw new Error(`${s.path}: HTTP ${status} (see ${server.logFile})`);
        if (s.key === "name" && !body.includes(sampleContact.displayName)) log(`  note: ${s.path} does not show "${sampleContact.displayName}" (is the list rendered?)`);
        if (s.kind === "picker") {
          const json = JSON.parse(body) as { contacts?: unknown[] };
          if (!Array.isArray(json.contacts) || json.contacts.length === 0) log(`  note: ${s.path} returned no contacts`);
        }
      }
      log(`Signed in as ${actor.email} (${actor.name}); ${list.length} scenarios, ${args.runs} runs.`);
      // The sequential requests below reuse one keep-alive connection, so
      // they reach one worker process only: warm every worker's JIT on every
      // scenario with the concurrent load first (results discarded).
      log(`Warming up: each scenario ${WARMUP_SECONDS} s with ${CONNECTIONS} clients…`);
      for (const s of list) await load.measure(session, s.path, CONNECTIONS, WARMUP_SECONDS);

      for (let run = 1; run <= args.runs; run++) {
        log(`Run ${run}/${args.runs}`);
        // The host's own speed, in the same run: the sign-in page without a
        // session renders Next.js's shell and reads no database. Hosts of the
        // same size differ by a third; a scenario's share of this is comparable.
        const baseline = await load.measure(new Session(server.url), BASELINE_PATH, CONNECTIONS, args.duration);
        baselineRuns.push(baseline.perSec);
        log(`  ${"Baseline: " + BASELINE_PATH}`.padEnd(32) + `${Math.round(baseline.perSec).toString().padStart(5)}/s @${CONNECTIONS}  errors ${baseline.errors}`);
        for (const s of list) {
          const latency = await measureLatency(session, s.path, args.requests, WARMUP);
          const throughput = await load.measure(session, s.path, CONNECTIONS, args.duration);
          const sqlSamples = await timeRuns(() => s.sql(ctx), SQL_RUNS, SQL_WARMUP);
          const m: Measurement = {
            p50: latency.p50,
            p95: latency.p95,
            p99: latency.p99,
            perSec: throughput.perSec,
            errors: throughput.errors,
            sqlP50: percentile(sqlSamples, 50),
            sqlP95: percentile(sqlSamples, 95),
          };
          (results[s.key] ??= []).push(m);
          log(
            `  ${s.label.padEnd(30)} p50 ${ms(m.p50).padStart(5)}  p95 ${ms(m.p95).padStart(5)}  p99 ${ms(m.p99).padStart(5)} ms  ` +
              `${Math.round(m.perSec).toString().padStart(5)}/s @${CONNECTIONS}  errors ${m.errors}  SQL p50 ${ms(m.sqlP50)} p95 ${ms(m.sqlP95)} ms`,
          );
        }
      }
    } finally {
      await server.stop();
    }
    if (args.explain) await explainScenarios(ctx, handle.db, list);
  } finally {
    await handle.close();
  }
  if (args.sqlOnly) return;

  // ------------------------------------------------------------ summary
  const summary = list.map((s) => {
    const runs = results[s.key];
    const pick = (k: keyof Measurement) => median(runs.map((r) => r[k]));
    const row = {
      scenario: s,
      p50: pick("p50"),
      p95: pick("p95"),
      p99: pick("p99"),
      perSec: pick("perSec"),
      errors: runs.reduce((sum, r) => sum + r.errors, 0),
      sqlP50: pick("sqlP50"),
      sqlP95: pick("sqlP95"),
    };
    const latencyTarget = s.kind === "page" ? TARGETS.pageP95 : TARGETS.pickerP95;
    const latencyPass = row.p95 < latencyTarget;
    // The pages/s target is for HTML pages; every scenario must be error-free.
    const loadPass = row.errors === 0 && (s.kind !== "page" || row.perSec >= TARGETS.pagesPerSec);
    return { ...row, latencyTarget, latencyPass, loadPass };
  });
  const pages = summary.filter((r) => r.scenario.kind === "page");
  const picker = summary.find((r) => r.scenario.kind === "picker")!;
  const final = {
    contacts: args.contacts,
    pageP95Ms: round1(Math.max(...pages.map((r) => r.p95))),
    searchP95Ms: round1(picker.p95),
    pagesPerSec16: round1(Math.min(...pages.map((r) => r.perSec))),
    errors: summary.reduce((sum, r) => sum + r.errors, 0),
  };
  const checks = [
    { target: `Every page scenario: p95 < ${TARGETS.pageP95} ms with 1 client`, pass: final.pageP95Ms < TARGETS.pageP95, got: `worst ${ms(final.pageP95Ms)} ms` },
    { target: `Picker search: p95 < ${TARGETS.pickerP95} ms with 1 client`, pass: final.searchP95Ms < TARGETS.pickerP95, got: `${ms(final.searchP95Ms)} ms` },
    { target: `At least ${TARGETS.pagesPerSec} pages/s with ${CONNECTIONS} clients`, pass: final.pagesPerSec16 >= TARGETS.pagesPerSec, got: `slowest ${Math.round(final.pagesPerSec16)}/s` },
    { target: "Zero errors", pass: final.errors === 0, got: `${final.errors}` },
  ];

  const baselinePerSec = median(baselineRuns);
  const table = markdownTable(summary, baselinePerSec);
  log("");
  log(`Median of ${args.runs} runs, ${args.contacts.toLocaleString("en-US")} contacts (+ ${EXTRA_WORKSPACES} × ${extraSize(args.contacts).toLocaleString("en-US")} in other workspaces):`);
  log(table);
  for (const c of checks) log(`${c.pass ? "PASS" : "FAIL"}  ${c.target} — ${c.got}`);

  if (args.docs) {
    const file = writeDocs(root, { args, pgVersion, table, checks, seeded: prepared, loadName: load.name, workers });
    log(`Wrote ${path.relative(root, file)}`);
  }
  // Must stay the very last line of stdout.
  console.log(JSON.stringify(final));
}

type LoadGenerator = { name: string; measure: (session: Session, path: string, connections: number, seconds: number) => Promise<Throughput> };

/**
 * wrk when installed (or asked for): it costs the 2-core machine far less CPU
 * than autocannon inside this Node process, CPU the server under test needs.
 */
function loadGenerator(choice: Args["load"]): LoadGenerator {
  const wrk = choice === "autocannon" ? null : wrkVersion();
  if (choice === "wrk" && !wrk) throw new Error("--load wrk: wrk is not installed (Debian: apt-get install -y wrk)");
  if (wrk) {
    return {
      name: `wrk (${wrk.replace(/ Copyright.*$/, "")}, 1 thread)`,
      measure: async (session, p, connections, seconds) => wrkThroughput(session.base + p, session.cookieHeader, connections, seconds),
    };
  }
  return { name: "autocannon (in the bench process)", measure: measureThroughput };
}

async function sqlOnly(ctx: Ctx, list: Scenario[], args: Args): Promise<void> {
  const runs: Record<string, { p50: number; p95: number }[]> = {};
  for (let run = 1; run <= args.runs; run++) {
    for (const s of list) {
      const samples = await timeRuns(() => s.sql(ctx), SQL_RUNS, SQL_WARMUP);
      (runs[s.key] ??= []).push({ p50: percentile(samples, 50), p95: percentile(samples, 95) });
    }
  }
  log(`SQL only, median of ${args.runs} runs × ${SQL_RUNS} calls:`);
  log("| Scenario | Request | SQL p50 ms | SQL p95 ms |\n| --- | --- | ---: | ---: |");
  for (const s of list) {
    log(`| ${s.label} | \`${s.path}\` | ${ms(median(runs[s.key].map((r) => r.p50)))} | ${ms(median(runs[s.key].map((r) => r.p95)))} |`);
  }
}

/** Per scenario: each statement lib/ ran, its time, and the plan of the slowest. */
async function explainScenarios(ctx: Ctx, db: Ctx["db"], list: Scenario[]): Promise<void> {
  const pool = (db as unknown as { $client: Pool }).$client;
  for (const s of list) {
    await s.sql(ctx); // warm
    const statements = await traceStatements(ctx, s.sql);
    log("");
    log(`### ${s.label} — ${s.path}`);
    for (const st of statements) log(`- ${ms(st.ms)} ms: ${inlineParams(st).replace(/\s+/g, " ").slice(0, 400)}`);
    const slowest = [...statements].sort((a, b) => b.ms - a.ms)[0];
    if (slowest) {
      log("EXPLAIN (ANALYZE, BUFFERS) of the slowest:");
      log(await explainAnalyze(pool, slowest));
    }
  }
}

function round1(n: number): number {
  return Math.round(n * 10) / 10;
}

type SummaryRow = {
  scenario: Scenario;
  p50: number;
  p95: number;
  p99: number;
  perSec: number;
  errors: number;
  sqlP50: number;
  sqlP95: number;
  latencyTarget: number;
  latencyPass: boolean;
  loadPass: boolean;
};

function markdownTable(rows: SummaryRow[], baselinePerSec: number): string {
  const header = [
    `| Scenario | Request | p50 ms | p95 ms | p99 ms | p95 target | pages/s @16 | errors | 16-client target | share of \`${BASELINE_PATH}\` | SQL p50 ms | SQL p95 ms |`,
    "| --- | --- | ---: | ---: | ---: | --- | ---: | ---: | --- | ---: | ---: | ---: |",
    `| Baseline: sign-in page, no session, no database | \`${BASELINE_PATH}\` | | | | | ${Math.round(baselinePerSec)} | | | 1 | | |`,
  ];
  const verdict = (pass: boolean) => (pass ? "pass" : "**FAIL**");
  const body = rows.map((r) => {
    const loadTarget = r.scenario.kind === "page" ? `≥ ${TARGETS.pagesPerSec}/s, 0 errors` : "0 errors";
    return (
      `| ${r.scenario.label} | \`${r.scenario.path}\` | ${ms(r.p50)} | ${ms(r.p95)} | ${ms(r.p99)} | < ${r.latencyTarget} ms: ${verdict(r.latencyPass)} | ` +
      `${Math.round(r.perSec)} | ${r.errors} | ${loadTarget}: ${verdict(r.loadPass)} | ${(r.perSec / baselinePerSec).toFixed(2)} | ${ms(r.sqlP50)} | ${ms(r.sqlP95)} |`
    );
  });
  return [...header, ...body].join("\n");
}

// ---------------------------------------------------------------- docs/benchmarks.md

function writeDocs(
  root: string,
  info: {
    args: Args;
    pgVersion: string;
    table: string;
    checks: { target: string; pass: boolean; got: string }[];
    seeded: { seeded: boolean; seedSeconds?: number };
    loadName: string;
    workers: string;
  },
): string {
  const n = info.args.contacts.toLocaleString("en-US");
  const section = [
    "## Contacts list and invite-picker search",
    "",
    machineLine(root, info.pgVersion),
    "",
    `Data: ${n} contacts in one workspace plus ${EXTRA_WORKSPACES} other workspaces of ${extraSize(info.args.contacts).toLocaleString("en-US")}, generated by \`scripts/seed\` (70% US / 15% GB / 15% other numbers, 60% with email, 70% with company, 50 favorites).` +
      (info.seeded.seeded && info.seeded.seedSeconds ? ` Seeding took ${info.seeded.seedSeconds.toFixed(0)} s.` : ""),
    "",
    `Server: \`scripts/serve.mjs\` as \`npm start\` runs it, ${info.workers}. ` +
      `Method: signed in as the Super Admin through next-auth; first every scenario is warmed up for ${WARMUP_SECONDS} s with ${CONNECTIONS} concurrent clients (the sequential requests reuse one connection, so they reach one worker only), then in each run each scenario gets ${WARMUP} warm-up requests, then ${info.args.requests} sequential requests with 1 client (p50/p95/p99, full body read), then ${info.loadName} with ${CONNECTIONS} connections for ${info.args.duration} s (pages/s = 2xx responses per second; non-2xx and socket errors count as errors). ` +
      `SQL is the same lib/ call made directly on a pool (\`listContacts\` with the page's query, \`searchForPicker(ctx, q, ${PICKER_LIMIT})\`), ${SQL_RUNS} runs after ${SQL_WARMUP} warm-ups, p50/p95. ` +
      `The whole measurement ran ${info.args.runs} times; each number is the median of the runs (errors: the sum). Page size 50, sort by name. ` +
      `Each run first measures a baseline the same way: \`${BASELINE_PATH}\` without a session (Next.js's shell, no database), so a scenario's share of it can be compared across hosts of unequal speed.`,
    "",
    info.table,
    "",
    "Targets (set for 1,000,000 contacts):",
    "",
    ...info.checks.map((c) => `- ${c.pass ? "✅ pass" : "❌ fail"} — ${c.target} (${c.got})`),
    "",
    `Reproduce: \`npm run bench:contacts -- --contacts ${info.args.contacts}\` (needs PostgreSQL at 127.0.0.1:5432 with trust auth, or \`BENCH_DATABASE_URL\`; the database \`switchboard_bench\` is reused while it holds the requested data, \`--reseed\` forces a fresh one; \`--build\` rebuilds \`.next\` first; the ${CONNECTIONS}-client load comes from wrk when it is installed, \`apt-get install -y wrk\`, else from autocannon; \`--load autocannon\` forces it).`,
  ].join("\n");
  return writeDocsSection(root, "contacts", section);
}

runMain(main);
