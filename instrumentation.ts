// Opens the database (applying pending migrations) when the server starts,
// not on the first request. Skipped while `next build` collects pages.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  const { getDatabase } = await import("./db/client");
  await getDatabase();
}
