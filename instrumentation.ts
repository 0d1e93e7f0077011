// Opens the database (applying pending migrations) when the server starts,
// not on the first request. Skipped while `next build` collects pages.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  const { getDatabase } = await import("./db/client");
  const { failInterruptedImports } = await import("./lib/import/jobs");
  const failed = await failInterruptedImports(await getDatabase());
  if (failed > 0) console.warn(`[import] ${failed} import(s) interrupted by a restart were marked failed`);
}
