import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

export type NextServer = { url: string; logFile: string; stop: () => Promise<void> };

function nextBin(root: string): string {
  return path.join(root, "node_modules", "next", "dist", "bin", "next");
}

function newestSourceMtime(root: string): number {
  let newest = 0;
  const visit = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) visit(full);
      else newest = Math.max(newest, fs.statSync(full).mtimeMs);
    }
  };
  for (const dir of ["app", "components", "lib", "db"]) if (fs.existsSync(path.join(root, dir))) visit(path.join(root, dir));
  return newest;
}

/** `next build` when there is no build (or `force`); warns when the build is older than the sources. */
export function ensureBuild(root: string, force: boolean, log: (line: string) => void): void {
  const buildId = path.join(root, ".next", "BUILD_ID");
  if (!force && fs.existsSync(buildId)) {
    if (fs.statSync(buildId).mtimeMs < newestSourceMtime(root)) {
      log("Warning: .next is older than the sources; pass --build to rebuild before measuring.");
    }
    return;
  }
  log("Building (next build)…");
  const started = performance.now();
  // The build's output goes to stderr: stdout ends with the bench's JSON line.
  const result = spawnSync(process.execPath, [nextBin(root), "build"], {
    cwd: root,
    stdio: ["ignore", 2, 2],
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (result.status !== 0) throw new Error("next build failed");
  log(`  built in ${((performance.now() - started) / 1000).toFixed(0)} s`);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on("error", reject);
  });
}

async function waitForHttp(url: string, child: ChildProcess, logFile: string): Promise<void> {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`next start exited early; see ${logFile}:\n${fs.readFileSync(logFile, "utf8").slice(-3000)}`);
    try {
      const response = await fetch(url, { redirect: "manual" });
      await response.arrayBuffer();
      if (response.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`next start did not answer within 90 s; see ${logFile}`);
}

/**
 * The app as `npm start` serves it (scripts/serve.mjs: one `next start`
 * worker per core on a PostgreSQL server, one on PGlite) on a free port
 * against `databaseUrl`, its output in a log file. `nodeArgs` reach every
 * worker (cluster workers inherit the primary's execArgv).
 */
export async function startNext(root: string, databaseUrl: string, opts: { nodeArgs?: string[]; env?: Record<string, string> } = {}): Promise<NextServer> {
  const port = await freePort();
  const url = `http://localhost:${port}`;
  const logFile = path.join(os.tmpdir(), `switchboard-bench-next-${port}.log`);
  const out = fs.openSync(logFile, "w");
  const child = spawn(process.execPath, [...(opts.nodeArgs ?? []), path.join(root, "scripts", "serve.mjs")], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      NEXTAUTH_SECRET: crypto.randomBytes(32).toString("base64url"),
      NEXTAUTH_URL: url,
      NEXT_TELEMETRY_DISABLED: "1",
      NODE_ENV: "production",
      NODE_OPTIONS: "",
      PORT: String(port),
      ...opts.env,
    },
    stdio: ["ignore", out, out],
  });
  fs.closeSync(out);
  const kill = () => {
    if (child.exitCode === null) child.kill("SIGKILL");
  };
  process.once("exit", kill);
  await waitForHttp(`${url}/signin`, child, logFile);
  return {
    url,
    logFile,
    async stop() {
      process.removeListener("exit", kill);
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (child.exitCode === null) child.kill("SIGKILL");
    },
  };
}
