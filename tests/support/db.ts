import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Client } from "pg";
import { openDatabase, type DatabaseHandle } from "@/db/client";
import { attachJobs } from "@/lib/jobs/start";

/**
 * The job queue every test database gets (started on its first job): workers
 * in the test's own process, beats every second, quick polls.
 */
export const TEST_JOBS = { workers: true, concurrency: 2, heartbeatMs: 1_000, pollSeconds: 0.5 };

/**
 * A fresh, migrated database for one test file: in-memory PGlite by default,
 * or a new database on the server named by DATABASE_URL (dropped on close).
 */
export async function createTestDatabase(): Promise<DatabaseHandle> {
  const handle = await openTestDatabase();
  const jobs = attachJobs(handle, TEST_JOBS);
  return {
    ...handle,
    async close() {
      await jobs.stop(5_000);
      await handle.close();
    },
  };
}

async function openTestDatabase(): Promise<DatabaseHandle> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) return openDatabase({ loadDataDir: await migratedPgliteDump() });
  const name = `sb_test_${process.pid}_${crypto.randomBytes(4).toString("hex")}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ url: url.toString() });
  return {
    ...handle,
    async close() {
      await handle.close();
      const cleanup = new Client({ connectionString: serverUrl });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await cleanup.end();
    },
  };
}

/**
 * A migrated PGlite data directory, dumped once per set of migrations and
 * shared by every test file: opening an empty PGlite and applying every
 * migration took 7-14 s per file, about two thirds of the PGlite suite.
 * Keyed by a hash of the migration files, so a new or changed migration
 * makes a new dump; written under a temporary name and renamed, so parallel
 * jest workers never read half a file. Each file still gets its own
 * in-memory copy, and openDatabase still applies anything pending.
 */
async function migratedPgliteDump(): Promise<Blob> {
  const folder = path.join(process.cwd(), "db", "migrations");
  const hash = crypto.createHash("sha256");
  for (const file of [...fs.readdirSync(folder), ...fs.readdirSync(path.join(folder, "meta")).map((f) => path.join("meta", f))].sort()) {
    const full = path.join(folder, file);
    if (fs.statSync(full).isFile()) hash.update(file).update(fs.readFileSync(full));
  }
  const dumpPath = path.join(os.tmpdir(), `switchboard-test-pglite-${hash.digest("hex").slice(0, 16)}.tar`);
  if (!fs.existsSync(dumpPath)) {
    const fresh = await openDatabase({});
    if (fresh.raw.kind !== "pglite") throw new Error("expected PGlite");
    const dump = await fresh.raw.client.dumpDataDir("none");
    await fresh.close();
    const partial = `${dumpPath}.${process.pid}.${crypto.randomBytes(4).toString("hex")}`;
    fs.writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
    fs.renameSync(partial, dumpPath);
  }
  return new Blob([fs.readFileSync(dumpPath)]);
}
