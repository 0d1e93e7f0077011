// CI's check that db/schema.ts and db/migrations agree: drizzle-kit generates
// into a copy of the migrations, and any migration it would write fails the
// check with its SQL printed. The real folder is never touched.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");

/** Returns the problem, or null when drizzle-kit has nothing to write. */
function schemaProblem(copy) {
  fs.cpSync(path.join(root, "db", "migrations"), copy, { recursive: true });
  const before = new Set(fs.readdirSync(copy));
  // drizzle.config.ts takes its output folder from DRIZZLE_OUT, relative to the
  // root (drizzle-kit prefixes "./" to an absolute one). No stdin: a question
  // (renamed or dropped?) fails at once instead of waiting for an answer.
  const result = spawnSync(process.execPath, [path.join(root, "node_modules", "drizzle-kit", "bin.cjs"), "generate", "--name=schema_check"], {
    cwd: root,
    env: { ...process.env, DRIZZLE_OUT: path.relative(root, copy) },
    stdio: ["ignore", "pipe", "pipe"],
    encoding: "utf8",
    timeout: 120_000,
  });
  const written = fs.readdirSync(copy).filter((name) => name.endsWith(".sql") && !before.has(name));
  if (written.length > 0) {
    const files = written.map((name) => `--- ${name}\n${fs.readFileSync(path.join(copy, name), "utf8")}\n`).join("\n");
    return `db/schema.ts differs from db/migrations: drizzle-kit generate would write\n\n${files}\nRun \`npm run db:generate\` and commit the migration with its meta/ snapshot.`;
  }
  // drizzle-kit exits 0 even when it fails (a question without a terminal, a
  // schema that does not load): only its own all-clear passes.
  const output = `${result.stdout ?? ""}${result.stderr ?? ""}${result.error ? `\n${result.error.message}` : ""}`;
  if (result.status !== 0 || !output.includes("No schema changes")) return `drizzle-kit generate did not confirm that the schema matches the migrations:\n${output}`;
  return null;
}

const copy = fs.mkdtempSync(path.join(os.tmpdir(), "sb-schema-check-"));
let problem;
try {
  problem = schemaProblem(copy);
} finally {
  fs.rmSync(copy, { recursive: true, force: true });
}
if (problem) {
  console.error(problem);
  process.exitCode = 1;
} else {
  console.log("db/schema.ts matches db/migrations: drizzle-kit generate has nothing to write.");
}
