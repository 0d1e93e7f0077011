import { spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { Client } from "pg";
import { openDatabase } from "@/db/client";
import { phoneFor } from "@/scripts/seed/generate";
import { DEMO_ADMIN, DEMO_WORKSPACE, extraWorkspaceName, seedDemo } from "@/scripts/seed";

export const EXTRA_WORKSPACES = 3;
export const extraSize = (contacts: number) => Math.floor(contacts / 10);

/** The bench database's URL on the local server (BENCH_DATABASE_URL overrides). */
export function benchDatabaseUrl(): string {
  return process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/switchboard_bench";
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export function databaseName(url: string): string {
  return decodeURIComponent(new URL(url).pathname.slice(1));
}

async function canConnect(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

/** Starts the local cluster when nothing answers (pg_ctlcluster, as root on Debian). */
export async function ensurePostgres(url: string, log: (line: string) => void): Promise<void> {
  const adminUrl = withDatabase(url, "postgres");
  if (await canConnect(adminUrl)) return;
  const versions = fs.existsSync("/etc/postgresql") ? fs.readdirSync("/etc/postgresql") : [];
  if (versions.length === 0) throw new Error(`No PostgreSQL answers at ${adminUrl} and no local cluster to start.`);
  log(`Starting PostgreSQL ${versions[0]}…`);
  const started = spawnSync("pg_ctlcluster", ["--skip-systemctl-redirect", versions[0], "main", "start"], { stdio: ["ignore", 2, 2] });
  if (started.status !== 0) throw new Error("pg_ctlcluster failed");
  for (let i = 0; i < 40; i++) {
    if (await canConnect(adminUrl)) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`PostgreSQL did not come up at ${adminUrl}`);
}

/** sha256 of each migration file, as drizzle's migrator records them. */
function migrationHashes(root: string): Set<string> {
  const folder = path.join(root, "db", "migrations");
  const journal = JSON.parse(fs.readFileSync(path.join(folder, "meta", "_journal.json"), "utf8")) as { entries: { tag: string }[] };
  return new Set(
    journal.entries.map((e) => crypto.createHash("sha256").update(fs.readFileSync(path.join(folder, `${e.tag}.sql`)).toString()).digest("hex")),
  );
}

/** Why the existing bench database cannot be reused, or null when it can. */
async function staleReason(url: string, root: string, contacts: number): Promise<string | null> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const current = migrationHashes(root);
    const applied = await client.query<{ hash: string }>("SELECT hash FROM drizzle.__drizzle_migrations");
    if (applied.rows.some((r) => !current.has(r.hash))) return "an applied migration was edited since it was seeded";
    const admin = await client.query("SELECT 1 FROM users WHERE lower(email) = $1", [DEMO_ADMIN.email]);
    if (admin.rowCount !== 1) return "no demo admin";
    const expected = new Map([[DEMO_WORKSPACE, contacts]]);
    for (let k = 1; k <= EXTRA_WORKSPACES; k++) expected.set(extraWorkspaceName(k), extraSize(contacts));
    const counts = await client.query<{ name: string; contact_count: number; n: string }>(
      "SELECT w.name, w.contact_count, (SELECT count(*) FROM contacts c WHERE c.workspace_id = w.id) AS n FROM workspaces w",
    );
    if (counts.rows.length !== expected.size) return `${counts.rows.length} workspaces, expected ${expected.size}`;
    for (const row of counts.rows) {
      const want = expected.get(row.name);
      if (want === undefined || Number(row.n) !== want || row.contact_count !== want) {
        return `workspace "${row.name}" holds ${row.n} contacts (counter ${row.contact_count}), expected ${want ?? "none"}`;
      }
    }
    // Rows come from the seed generator: the scenarios' sample contact must be there.
    const probe = await client.query("SELECT 1 FROM contacts WHERE phone_e164 = $1", [phoneFor(sampleRow(contacts)).e164]);
    if (probe.rowCount === 0) return "seeded by a different generator";
    return null;
  } catch (error) {
    return `unreadable (${error instanceof Error ? error.message : String(error)})`;
  } finally {
    await client.end();
  }
}

/** The generator row whose name and phone the search scenarios use: a US number, about a third in. */
export function sampleRow(contacts: number): number {
  for (let row = Math.floor(contacts * 0.37); ; row++) {
    try {
      if (phoneFor(row).country === "US") return row;
    } catch {
      // not reachable for sane sizes
    }
  }
}

/**
 * Reuses the bench database when it holds exactly the requested data set,
 * else drops, recreates and seeds it (N in the main workspace, N/10 in each of 3 others).
 */
export async function prepareBenchDatabase(opts: { url: string; root: string; contacts: number; reseed: boolean; log: (line: string) => void }): Promise<{ seeded: boolean; seedSeconds?: number }> {
  const { url, root, contacts, log } = opts;
  const name = databaseName(url);
  const admin = new Client({ connectionString: withDatabase(url, "postgres") });
  await admin.connect();
  try {
    const exists = (await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [name])).rowCount === 1;
    if (exists && !opts.reseed) {
      const reason = await staleReason(url, root, contacts);
      if (!reason) {
        log(`Reusing database ${name} (${contacts.toLocaleString("en-US")} contacts + ${EXTRA_WORKSPACES} × ${extraSize(contacts).toLocaleString("en-US")}).`);
        return { seeded: false };
      }
      log(`Database ${name} cannot be reused: ${reason}. Reseeding.`);
    }
    const ident = `"${name.replace(/"/g, '""')}"`;
    await admin.query(`DROP DATABASE IF EXISTS ${ident} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${ident}`);
  } finally {
    await admin.end();
  }
  const handle = await openDatabase({ url, maintenance: true });
  try {
    const report = await seedDemo(handle, {
      contacts,
      extraWorkspaces: EXTRA_WORKSPACES,
      extraContacts: extraSize(contacts),
      log,
    });
    log(`Seeded ${report.rows.toLocaleString("en-US")} contacts in ${report.seconds.toFixed(1)} s (${Math.round(report.rows / report.seconds).toLocaleString("en-US")} rows/s).`);
    return { seeded: true, seedSeconds: report.seconds };
  } finally {
    await handle.close();
  }
}
