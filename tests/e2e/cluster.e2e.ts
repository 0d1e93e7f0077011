import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { Client } from "pg";
import { appEnv, freePort } from "./support/server";

// `npm start` on a PostgreSQL server: scripts/serve.mjs runs one `next start`
// worker per core behind one port (node:cluster). Both workers apply the
// migrations at once on a fresh database (an advisory lock serializes them),
// serve requests, a worker that dies is replaced, and SIGTERM stops them all.

const root = path.resolve(__dirname, "..", "..");
const adminUrl = process.env.E2E_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const database = `switchboard_e2e_cluster_${process.pid}`;

function childrenOf(pid: number): number[] {
  const found: number[] = [];
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      if (Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]) === pid) found.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return found;
}

const alive = (pid: number) => fs.existsSync(`/proc/${pid}`);

async function waitFor<T>(what: () => string, probe: () => Promise<T | null> | T | null, ms = 60_000): Promise<T> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value !== null) return value;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${what()}`);
}

async function status(url: string): Promise<number | null> {
  try {
    const response = await fetch(url, { redirect: "manual", headers: { connection: "close" } });
    await response.arrayBuffer();
    return response.status;
  } catch {
    return null;
  }
}

let admin: Client;
let server: ChildProcess | undefined;
let output = "";

beforeAll(async () => {
  admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${database}`);
});

afterAll(async () => {
  if (server && server.exitCode === null) server.kill("SIGKILL");
  await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  await admin.end();
});

test("a server database gets one worker per SB_WORKERS, replaced when one dies, all stopped by SIGTERM", async () => {
  const port = await freePort();
  const url = `http://localhost:${port}`;
  const databaseUrl = new URL(adminUrl);
  databaseUrl.pathname = `/${database}`;
  server = spawn(process.execPath, [path.join(root, "scripts", "serve.mjs")], {
    cwd: root,
    env: appEnv(url, { PORT: String(port), SB_WORKERS: "2", DATABASE_URL: databaseUrl.toString() }),
    stdio: ["ignore", "pipe", "pipe"],
  });
  server.stdout?.on("data", (d) => (output += d));
  server.stderr?.on("data", (d) => (output += d));
  const primary = server.pid!;

  // A fresh database has no workspace yet: the app leads to /setup.
  await waitFor(() => `the app on ${url} (output so far:\n${output})`, async () => ((await status(`${url}/setup`)) === 200 ? true : null));
  expect(output).toContain("with 2 worker processes");
  const workers = await waitFor(() => "two workers", () => (childrenOf(primary).length === 2 ? childrenOf(primary) : null));

  // Both answer: a fresh connection per request is handed out in turn.
  const statuses = await Promise.all(Array.from({ length: 20 }, () => status(`${url}/setup`)));
  expect(statuses).toEqual(Array(20).fill(200));

  // A worker that dies is replaced, and the port keeps answering.
  process.kill(workers[0], "SIGKILL");
  const replaced = await waitFor(() => "a replacement worker", () => {
    const now = childrenOf(primary);
    return now.length === 2 && !now.includes(workers[0]) ? now : null;
  });
  expect(replaced).toContain(workers[1]);
  await waitFor(() => "the app after the replacement", async () => ((await status(`${url}/setup`)) === 200 ? true : null));

  // SIGTERM to the primary stops every worker, then the primary itself.
  const exited = new Promise<number | null>((resolve) => server!.once("exit", (code) => resolve(code)));
  server.kill("SIGTERM");
  expect(await exited).toBe(0);
  expect(replaced.filter(alive)).toEqual([]);
});
