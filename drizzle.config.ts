import { defineConfig } from "drizzle-kit";

// Only `drizzle-kit generate` uses this file: migrations are applied by
// db/migrate.ts at start, for PGlite and PostgreSQL alike (see STACK-NOTES §5).
// DRIZZLE_OUT: scripts/check-schema.mjs generates into a copy of the folder.
export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema.ts",
  out: process.env.DRIZZLE_OUT ?? "./db/migrations",
});
