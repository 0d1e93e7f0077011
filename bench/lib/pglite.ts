import fs from "node:fs";
import type { PGlite } from "@electric-sql/pglite";
import { openDatabase } from "@/db/client";
import { DEMO_ADMIN, DEMO_WORKSPACE, seedDemo } from "@/scripts/seed";
import { EXTRA_WORKSPACES, extraSize } from "./db";
import { demoIds } from "./report";
import { startNext, type NextServer } from "./server";

// The embedded database for the import and export benchmarks: a seeded data
// directory used as a template (copied per run, as a server database is
// cloned), and `next start` on a copy without DATABASE_URL.

/** Seeds a fresh PGlite data directory like the server's bench databases (N + 3 × N/10). */
export async function preparePgliteTemplate(dir: string, contacts: number, log: (line: string) => void): Promise<{ workspaceId: string; adminId: string; seconds: number }> {
  fs.rmSync(dir, { recursive: true, force: true });
  const started = performance.now();
  const handle = await openDatabase({ dataDir: dir });
  try {
    await seedDemo(handle, { contacts, extraWorkspaces: EXTRA_WORKSPACES, extraContacts: extraSize(contacts), log });
    const client = (handle.raw as { client: PGlite }).client;
    const ids = await demoIds(client as never, DEMO_WORKSPACE, DEMO_ADMIN.email);
    return { ...ids, seconds: (performance.now() - started) / 1000 };
  } finally {
    await handle.close();
  }
}

export function copyDataDir(from: string, to: string): void {
  fs.rmSync(to, { recursive: true, force: true });
  fs.cpSync(from, to, { recursive: true });
}

/** Opens a PGlite data directory in this process (for the COPY baseline), with the app's extensions and migrations. */
export async function openPglite(dir: string): Promise<{ client: PGlite; close: () => Promise<void> }> {
  const handle = await openDatabase({ dataDir: dir });
  return { client: (handle.raw as { client: PGlite }).client, close: handle.close };
}

/** `next start` on the embedded database in `dataDir` (DATABASE_URL empty, PGLITE_DATA_DIR set). */
export async function startNextPglite(root: string, dataDir: string): Promise<NextServer> {
  const saved = process.env.PGLITE_DATA_DIR;
  process.env.PGLITE_DATA_DIR = dataDir;
  try {
    return await startNext(root, "");
  } finally {
    if (saved === undefined) delete process.env.PGLITE_DATA_DIR;
    else process.env.PGLITE_DATA_DIR = saved;
  }
}
