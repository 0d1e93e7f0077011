// `npm run worker`: runs background jobs (imports, retention) and nothing
// else, so an operator can run web processes with SB_RUN_JOBS=0 and scale
// workers apart. Needs a PostgreSQL server (DATABASE_URL): the embedded
// database lives inside the one web process, which runs its jobs itself.
import { getDatabase } from "@/db/client";
import { failInterruptedImports } from "@/lib/import/jobs";
import { startProcessJobs } from "@/lib/jobs/start";

async function main(): Promise<void> {
  if (!process.env.DATABASE_URL) {
    console.error("[worker] DATABASE_URL is not set: with the embedded database, `npm start` runs the jobs in its one process.");
    process.exit(1);
  }
  const handle = await getDatabase();
  const failed = await failInterruptedImports(handle.db);
  if (failed > 0) console.warn(`[import] ${failed} import(s) whose worker died were marked failed`);
  const runtime = await startProcessJobs({ workers: true });
  console.log(`[worker] running jobs (pid ${process.pid})`);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`[worker] ${signal}: finishing running jobs (up to 30 s)`);
    await runtime.stop(30_000).catch((error: unknown) => console.error("[worker] stop failed:", error));
    await handle.close();
    process.exit(0);
  };
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => void stop(signal));
}

main().catch((error: unknown) => {
  console.error("[worker] could not start:", error instanceof Error ? error.message : error);
  process.exit(1);
});
