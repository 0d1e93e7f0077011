import type { DatabaseHandle } from "@/db/client";
import {
  addFavorites,
  createWorkspace,
  dropSecondaryIndexes,
  ensureWorkspace,
  inTransaction,
  loadContacts,
  rawOf,
  refreshContactCount,
  vacuumAnalyze,
  type SeedWorkspace,
} from "./load";

export { DEMO_ADMIN, DEMO_WORKSPACE, rawOf } from "./load";

export type SeedOptions = {
  contacts: number;
  workspaceName?: string;
  extraWorkspaces?: number;
  extraContacts?: number;
  log?: (line: string) => void;
};

export type SeedReport = {
  main: SeedWorkspace & { inserted: number; total: number; favorites: number };
  extra: { workspaceId: string; name: string; inserted: number; total: number }[];
  rows: number;
  seconds: number;
};

export function extraWorkspaceName(k: number): string {
  return `Extra Workspace ${k}`;
}

const fmt = (n: number) => Math.round(n).toLocaleString("en-US");

/**
 * Fills the main workspace (created with its admin on a database without
 * users) and K extra workspaces, all in one transaction. On an empty contacts
 * table the secondary indexes are dropped for the load and rebuilt after it.
 */
export async function seedDemo(handle: DatabaseHandle, options: SeedOptions): Promise<SeedReport> {
  const log = options.log ?? (() => undefined);
  const started = performance.now();
  const now = Date.now();

  const report = await inTransaction(handle, async (session) => {
    const ws = await ensureWorkspace(session, options.workspaceName);
    const [{ empty }] = await session.query<{ empty: boolean }>("SELECT NOT EXISTS (SELECT 1 FROM contacts) AS empty");
    const rebuildIndexes = empty && options.contacts + (options.extraWorkspaces ?? 0) * (options.extraContacts ?? 0) >= 10_000 ? await dropSecondaryIndexes(session) : null;
    if (rebuildIndexes) log("Empty contacts table: loading without secondary indexes, building them afterwards.");

    log(`Workspace "${ws.workspaceName}": loading ${fmt(options.contacts)} contacts (${handle.db.driver.name})…`);
    const main = await loadContacts(session, { workspaceId: ws.workspaceId, count: options.contacts, createdBy: ws.adminUserId, now, log });
    log(`  ${fmt(main.inserted)} rows in ${(main.ms / 1000).toFixed(1)} s (${fmt(main.inserted / (main.ms / 1000))} rows/s)${main.skipped ? `, ${fmt(main.skipped)} skipped as duplicates` : ""}`);

    const extra: { workspaceId: string; name: string; inserted: number }[] = [];
    for (let k = 1; k <= (options.extraWorkspaces ?? 0); k++) {
      const name = extraWorkspaceName(k);
      const existing = await session.query<{ id: string }>("SELECT id FROM workspaces WHERE name = $1 ORDER BY created_at LIMIT 1", [name]);
      const workspaceId = existing[0]?.id ?? (await createWorkspace(session, name));
      const count = options.extraContacts ?? 0;
      log(`Workspace "${name}": loading ${fmt(count)} contacts…`);
      const loaded = await loadContacts(session, { workspaceId, count, createdBy: null, now, log });
      log(`  ${fmt(loaded.inserted)} rows in ${(loaded.ms / 1000).toFixed(1)} s (${fmt(loaded.inserted / (loaded.ms / 1000))} rows/s)`);
      extra.push({ workspaceId, name, inserted: loaded.inserted });
    }

    if (rebuildIndexes) {
      log("Building indexes…");
      const t = performance.now();
      await rebuildIndexes();
      log(`  ${((performance.now() - t) / 1000).toFixed(1)} s`);
    }
    const favorites = ws.adminUserId
      ? await addFavorites(session, {
          workspaceId: ws.workspaceId,
          userId: ws.adminUserId,
          startIndex: main.startIndex,
          count: main.inserted + main.skipped,
          now,
        })
      : 0;
    const total = await refreshContactCount(session, ws.workspaceId);
    const extraTotals = [];
    for (const e of extra) extraTotals.push({ ...e, total: await refreshContactCount(session, e.workspaceId) });
    return { main: { ...ws, inserted: main.inserted, total, favorites }, extra: extraTotals };
  });

  log("VACUUM ANALYZE…");
  const vacuumStarted = performance.now();
  await vacuumAnalyze(rawOf(handle));
  log(`  ${((performance.now() - vacuumStarted) / 1000).toFixed(1)} s`);

  const rows = report.main.inserted + report.extra.reduce((sum, e) => sum + e.inserted, 0);
  return { ...report, rows, seconds: (performance.now() - started) / 1000 };
}
