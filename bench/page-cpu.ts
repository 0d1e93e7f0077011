// npx tsx bench/page-cpu.ts [--seconds 5] [--profile DIR] [--node-arg ARG] [--env K=V] [path…]
//
// Server CPU per request of one or more pages: `next start` against the bench
// database (run bench:contacts once to seed it), signed in as the demo admin,
// wrk with 16 clients per path; CPU time of the next-server process (and of PostgreSQL) from
// /proc (all worker processes) divided by the 2xx responses. PostgreSQL's figure is approximate: it sums every
// process named postgres on the host (other databases and autovacuum included), and a backend that exits
// during the window takes its CPU with it. With --profile the server runs under
// `node --cpu-prof` and writes a .cpuprofile into DIR on exit (read it with
// Chromium's DevTools or bench/lib/profile-summary.ts). A development probe:
// the numbers the issues target come from bench:contacts.
import { DEMO_ADMIN } from "@/scripts/seed";
import { benchDatabaseUrl } from "./lib/db";
import { signIn } from "./lib/http";
import { cpuMs, pidListeningOn, pidsNamed, processTree } from "./lib/proc";
import { startNext } from "./lib/server";
import { wrkThroughput } from "./lib/wrk";
import { runMain } from "./lib/main";

/** CPU ms of the whole server: the primary and its workers. */
function serverCpuMs(pids: number[]): number {
  return pids.reduce((sum, pid) => sum + cpuMs(pid), 0);
}

async function main() {
  const argv = process.argv.slice(2);
  let seconds = 5;
  let profileDir: string | null = null;
  const paths: string[] = [];
  const nodeArgs: string[] = [];
  const env: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--seconds") seconds = Number(argv[++i]);
    else if (argv[i] === "--profile") profileDir = argv[++i];
    else if (argv[i] === "--path") paths.push(argv[++i]);
    else if (argv[i] === "--node-arg") nodeArgs.push(argv[++i]);
    else if (argv[i] === "--env") {
      const [k, v] = argv[++i].split("=", 2);
      env[k] = v;
    }
    else paths.push(argv[i]);
  }
  if (paths.length === 0) paths.push("/contacts");
  if (profileDir) nodeArgs.push("--cpu-prof", `--cpu-prof-dir=${profileDir}`);
  const server = await startNext(process.cwd(), benchDatabaseUrl(), { nodeArgs, env });
  try {
    const session = await signIn(server.url, DEMO_ADMIN.email, DEMO_ADMIN.password);
    const pids = processTree(pidListeningOn(Number(new URL(server.url).port)));
    for (const p of paths) {
      for (let i = 0; i < 200; i++) await session.get(p);
      // Sequential requests share one keep-alive connection, so one worker: warm them all.
      wrkThroughput(server.url + p, session.cookieHeader, 16, 3);
      const { body } = await session.get(p);
      // PostgreSQL's processes are read afresh: the pool may have opened backends meanwhile.
      const pgPids = pidsNamed("postgres");
      const before = serverCpuMs(pids);
      const pgBefore = serverCpuMs(pgPids);
      const result = wrkThroughput(server.url + p, session.cookieHeader, 16, seconds);
      const used = serverCpuMs(pids) - before;
      const pgUsed = serverCpuMs(pgPids) - pgBefore;
      const ok = result.requests - result.errors;
      console.log(
        `${p}: ${result.perSec.toFixed(1)} pages/s, ${(used / Math.max(ok, 1)).toFixed(1)} ms CPU/request, ` +
          `PostgreSQL ${(pgUsed / Math.max(ok, 1)).toFixed(1)} ms/request, ` +
          `${(body.length / 1024).toFixed(0)} KB, errors ${result.errors}`,
      );
    }
  } finally {
    await server.stop();
  }
}

runMain(main);
