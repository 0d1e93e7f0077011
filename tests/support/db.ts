import crypto from "node:crypto";
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
  if (!serverUrl) return openDatabase({});
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
