import { spawn } from "node:child_process";
import path from "node:path";
import { Client } from "pg";
import { appEnv, freePort, startServer, type TestServer } from "./support/server";

// Operations: a server that cannot reach or migrate its database exits non-zero with one line saying why
// (before: Next.js logged "Failed to prepare server" and the worker stayed up answering errors, so
// scripts/serve.mjs's stop-after-five-quick-deaths rule never fired); one that can answers the probes.

const root = path.resolve(__dirname, "..", "..");
const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");
const adminUrl = process.env.E2E_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const missing = `switchboard_e2e_missing_${process.pid}`;
const squatted = `switchboard_e2e_squatted_${process.pid}`;

function databaseUrl(name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

const server = `${new URL(adminUrl).hostname}:${new URL(adminUrl).port || "5432"}`;

/** Runs a server command to its end (killed after 90 s), with what it printed. */
async function runToExit(args: string[], extra: Record<string, string>) {
  const port = await freePort();
  const child = spawn(process.execPath, args.map((a) => a.replace("$PORT", String(port))), {
    cwd: root,
    env: appEnv(`http://localhost:${port}`, { PORT: String(port), ...extra }),
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (d) => (output += d));
  child.stderr.on("data", (d) => (output += d));
  const killer = setTimeout(() => child.kill("SIGKILL"), 90_000);
  const code = await new Promise<number | null>((resolve) => child.once("exit", (exitCode) => resolve(exitCode)));
  clearTimeout(killer);
  return { code, output, reasons: output.split("\n").filter((line) => line.includes("cannot start")) };
}

let admin: Client;
beforeAll(async () => {
  admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${squatted}`);
  // A table of the first migration already there, as on a database another program uses.
  const squatter = new Client({ connectionString: databaseUrl(squatted) });
  await squatter.connect();
  await squatter.query("CREATE TABLE workspaces (id int)");
  await squatter.end();
});

afterAll(async () => {
  await admin.query(`DROP DATABASE IF EXISTS ${squatted} WITH (FORCE)`);
  await admin.end();
});

test("next start on a database that does not exist: exit 1 with one line saying so", async () => {
  const { code, output, reasons } = await runToExit([nextBin, "start", "-p", "$PORT"], { DATABASE_URL: databaseUrl(missing) });
  expect(code).toBe(1);
  expect(reasons).toEqual([`[switchboard] cannot start: database "${missing}" on ${server} does not exist; create it (CREATE DATABASE) or point DATABASE_URL at one that does`]);
  expect(output).not.toContain("Failed to prepare server");
});

test("next start on a database whose migration fails: exit 1 with PostgreSQL's reason", async () => {
  const { code, reasons } = await runToExit([nextBin, "start", "-p", "$PORT"], { DATABASE_URL: databaseUrl(squatted) });
  expect(code).toBe(1);
  expect(reasons).toEqual([
    `[switchboard] cannot start: applying the migrations to database "${squatted}" on ${server} failed: relation "workspaces" already exists (SQLSTATE 42P07); fix the database or the migration, then start again`,
  ]);
});

test("npm start's cluster (scripts/serve.mjs, 2 workers) on a missing database: the quick exits stop it, exit 1", async () => {
  const { code, output, reasons } = await runToExit([path.join(root, "scripts", "serve.mjs")], { DATABASE_URL: databaseUrl(missing), SB_WORKERS: "2" });
  expect(code).toBe(1);
  expect(output).toContain("workers keep exiting right after start");
  expect(reasons.length).toBeGreaterThanOrEqual(5);
});

describe("a server that starts", () => {
  let app: TestServer;
  beforeAll(async () => {
    app = await startServer();
  });
  afterAll(() => app?.stop());

  test("GET /api/health is 200 at once; GET /api/ready is 200 once the database and the job queue are up", async () => {
    const health = await fetch(`${app.url}/api/health`);
    expect({ status: health.status, body: await health.json() }).toEqual({ status: 200, body: { status: "ok" } });
    let ready: { status: number; body: unknown } = { status: 0, body: null };
    for (const deadline = Date.now() + 30_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 250))) {
      const response = await fetch(`${app.url}/api/ready`);
      ready = { status: response.status, body: await response.json() };
      if (ready.status === 200) break;
    }
    expect(ready).toEqual({ status: 200, body: { status: "ready", checks: { database: "ok", migrations: "ok", jobs: "ok" } } });
  });
});
