import { execFileSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { Client } from "pg";
import { benchDatabaseUrl, withDatabase } from "./db";
import type { Session } from "./http";

// Shared by the import and export benchmarks: where the PostgreSQL server is,
// disposable databases, streaming HTTP helpers, and their docs sections.

/** The server to measure on: BENCH_DATABASE_URL, else DATABASE_URL, else the local 127.0.0.1:5432 (database name replaced). */
export function serverUrl(database: string): string {
  return withDatabase(process.env.BENCH_DATABASE_URL || process.env.DATABASE_URL || benchDatabaseUrl(), database);
}

function ident(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** `CREATE DATABASE target TEMPLATE template` (a file copy: seconds, not a reseed). */
export async function cloneDatabase(url: string, template: string, target: string): Promise<void> {
  const admin = new Client({ connectionString: withDatabase(url, "postgres") });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${ident(target)} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${ident(target)} TEMPLATE ${ident(template)}`);
  } finally {
    await admin.end();
  }
}

export async function dropDatabase(url: string, name: string): Promise<void> {
  const admin = new Client({ connectionString: withDatabase(url, "postgres") });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${ident(name)} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

/** Runs `fn` with one client on `url`. */
export async function withClient<T>(url: string, fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** CHECKPOINT when allowed (superuser or pg_checkpoint), so one measurement's dirty pages are not flushed during the next. */
export async function checkpoint(client: Client): Promise<void> {
  await client.query("CHECKPOINT").catch(() => undefined);
}

/** Demo workspace and admin ids in a seeded database. */
export async function demoIds(client: { query: Client["query"] }, workspaceName: string, adminEmail: string): Promise<{ workspaceId: string; adminId: string }> {
  const result = await client.query<{ workspace_id: string; admin_id: string }>(
    `SELECT w.id AS workspace_id, u.id AS admin_id FROM workspaces w, users u WHERE w.name = $1 AND lower(u.email) = $2`,
    [workspaceName, adminEmail],
  );
  if (result.rows.length !== 1) throw new Error(`no workspace "${workspaceName}" with admin ${adminEmail}`);
  return { workspaceId: result.rows[0].workspace_id, adminId: result.rows[0].admin_id };
}

// ---------------------------------------------------------------- HTTP

/** POSTs a file as the raw request body, streamed from disk (what the browser's upload does). */
export function postFile(session: Session, pathname: string, file: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const url = new URL(session.base + pathname);
    const request = http.request(
      url,
      {
        method: "POST",
        headers: { cookie: session.cookieHeader, "content-type": "text/csv", "content-length": fs.statSync(file).size },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (c: Buffer) => chunks.push(c));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
        response.on("error", reject);
      },
    );
    request.on("error", reject);
    fs.createReadStream(file, { highWaterMark: 256 * 1024 }).on("error", reject).pipe(request);
  });
}

export async function postJson(session: Session, pathname: string, body?: unknown): Promise<{ status: number; json: unknown }> {
  const response = await fetch(session.base + pathname, {
    method: "POST",
    headers: { cookie: session.cookieHeader, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let json: unknown = text;
  try {
    json = JSON.parse(text);
  } catch {
    // not JSON
  }
  return { status: response.status, json };
}

/** GETs a download to the end without keeping it: bytes, newlines, time to first byte and to the last. */
export async function download(session: Session, pathname: string): Promise<{ status: number; bytes: number; newlines: number; firstByteMs: number; ms: number }> {
  const started = performance.now();
  const response = await fetch(session.base + pathname, { headers: { cookie: session.cookieHeader } });
  let firstByteMs = Number.NaN;
  let bytes = 0;
  let newlines = 0;
  if (response.body) {
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      if (bytes === 0) firstByteMs = performance.now() - started;
      bytes += chunk.length;
      for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) newlines++;
    }
  }
  return { status: response.status, bytes, newlines, firstByteMs, ms: performance.now() - started };
}

// ---------------------------------------------------------------- docs

export function machineLine(root: string, pgVersion: string): string {
  const date = execFileSync("date", { encoding: "utf8" }).trim();
  const cpus = os.cpus();
  const machine = `${cpus.length} cores (${cpus[0]?.model.trim() ?? "unknown CPU"}) / ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM, ${os.type()} ${os.release()}`;
  return (
    `Run: ${date} · machine: ${machine} · Node ${process.version} · Next.js ${readVersion(root, "next")} (\`next start\`) ·\n` +
    `${pgVersion.split(",")[0]} (local server, default settings)${gitDescription(root)}.`
  );
}

function gitDescription(root: string): string {
  try {
    const commit = execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
    const dirty = execFileSync("git", ["status", "--porcelain", "--untracked-files=no"], { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
    return ` · app at commit ${commit}${dirty ? " with uncommitted changes" : ""}`;
  } catch {
    return "";
  }
}

export function readVersion(root: string, pkg: string): string {
  try {
    return (JSON.parse(fs.readFileSync(path.join(root, "node_modules", pkg, "package.json"), "utf8")) as { version: string }).version;
  } catch {
    return "?";
  }
}

/**
 * Replaces the text between `<!-- bench:KEY:start -->` and `<!-- bench:KEY:end -->`
 * in docs/benchmarks.md, or appends the section; other sections stay as they are.
 */
export function writeDocsSection(root: string, key: string, body: string): string {
  const file = path.join(root, "docs", "benchmarks.md");
  const start = `<!-- bench:${key}:start -->`;
  const end = `<!-- bench:${key}:end -->`;
  const section = `${start}\n${body.trim()}\n${end}`;
  const current = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "# Benchmarks\n";
  const a = current.indexOf(start);
  const b = current.indexOf(end);
  const content = a !== -1 && b > a ? current.slice(0, a) + section + current.slice(b + end.length) : `${current.trimEnd()}\n\n${section}\n`;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
  return file;
}

// ---------------------------------------------------------------- formatting

export const fmtInt = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString("en-US") : "–");
export const fmtS = (s: number) => (Number.isFinite(s) ? (s < 10 ? s.toFixed(2) : s.toFixed(1)) : "–");
export const fmtMb = (mb: number) => (Number.isFinite(mb) ? mb.toFixed(0) : "–");
export const fmtRatio = (r: number) => (Number.isFinite(r) ? r.toFixed(2) : "–");
export const round = (n: number, digits = 1) => (Number.isFinite(n) ? Math.round(n * 10 ** digits) / 10 ** digits : null);

/** Parses `--flag N`, `--flag=N` and boolean flags; numbers may use `_` or `,`. */
export function parseFlags<T extends Record<string, number | boolean>>(argv: string[], defaults: T, usage: string): T {
  const args: Record<string, number | boolean> = { ...defaults };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split("=", 2);
    const key = flag.replace(/^--/, "").replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
    const negated = key.startsWith("no") && key.length > 2 ? key[2].toLowerCase() + key.slice(3) : null;
    if (negated && typeof defaults[negated] === "boolean") args[negated] = false;
    else if (typeof defaults[key] === "boolean") args[key] = true;
    else if (typeof defaults[key] === "number") {
      const n = Number((inline ?? argv[++i] ?? "").replace(/[_,]/g, ""));
      if (!Number.isFinite(n) || n < 0) throw new Error(`${flag} needs a number\n${usage}`);
      args[key] = Math.floor(n);
    } else throw new Error(`unknown argument ${argv[i]}\n${usage}`);
  }
  return args as T;
}
