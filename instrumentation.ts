// Opens the database (applying pending migrations) when the server starts,
// not on the first request. Skipped while `next build` collects pages.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  try {
    await prepareServer();
  } catch (error) {
    // Next.js would log "Failed to prepare server" and keep the process up
    // answering errors, so neither scripts/serve.mjs nor an orchestrator
    // would learn of it: exit 1 with one line instead (db/startup.ts).
    const { exitOnStartupError } = await import("./db/startup");
    exitOnStartupError(error);
  }
}

async function prepareServer() {
  // The sign-in limit's client address comes from the socket and
  // TRUSTED_PROXIES, never from a header alone. Installed first: a request
  // that arrived before it gets no address (lib/auth/client-ip.ts).
  const { installClientAddressHook } = await import("./lib/auth/peer-address");
  installClientAddressHook();
  // Collect the old generation when it has grown 30% past what is live, not
  // V8's default of up to 4×: a long import (a million rows through the
  // parser) otherwise leaves hundreds of MB of garbage before a full GC, and
  // memory must stay flat. Read by V8 at each GC, so it applies from here on.
  const v8 = await import("node:v8");
  v8.setFlagsFromString(`--heap-growing-percent=${Number(process.env.SB_HEAP_GROWING_PERCENT ?? 30)}`);
  // Reach, open and migrate the database before anything uses it; when that
  // fails, exit 1 with one line saying why (db/startup.ts), instead of a
  // server that stays up answering errors.
  const { openDatabaseOrExit } = await import("./db/startup");
  await openDatabaseOrExit();
  const { getDb } = await import("./db/client");
  const { failInterruptedImports } = await import("./lib/import/jobs");
  const failed = await failInterruptedImports(await getDb());
  if (failed > 0) console.warn(`[import] ${failed} import(s) interrupted by a restart were marked failed`);
  // The job queue, after the sweep above (on PGlite that sweep fails every
  // import left running, which this process's own workers must not be).
  // Workers run here too unless SB_RUN_JOBS=0 (then `npm run worker` runs them).
  const { startProcessJobs } = await import("./lib/jobs/start");
  await startProcessJobs();
}
