// `npm start`: builds when the build is missing or older than the sources,
// makes sure next-auth has a secret, then serves on PORT (default 3000).
import { spawn, spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const port = process.env.PORT || "3000";
const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");

function newestSourceMtime() {
  let newest = 0;
  const visit = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) visit(full);
      else newest = Math.max(newest, fs.statSync(full).mtimeMs);
    }
  };
  for (const dir of ["app", "components", "lib", "db", "public"]) {
    if (fs.existsSync(path.join(root, dir))) visit(path.join(root, dir));
  }
  // proxy.ts and instrumentation.ts are built into the app like the folders above.
  for (const file of ["next.config.ts", "package.json", "postcss.config.mjs", "proxy.ts", "instrumentation.ts"]) {
    newest = Math.max(newest, fs.statSync(path.join(root, file)).mtimeMs);
  }
  return newest;
}

function buildIfNeeded() {
  const buildId = path.join(root, ".next", "BUILD_ID");
  if (fs.existsSync(buildId) && fs.statSync(buildId).mtimeMs >= newestSourceMtime()) return;
  console.log("[switchboard] building the app (first start or sources changed)…");
  const result = spawnSync(process.execPath, [nextBin, "build"], { cwd: root, stdio: "inherit", env: process.env });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

// Embedded default: generate the secret once and keep it beside the data, so
// sessions survive restarts. With a server database in production the secret
// must be configured, because every instance behind a load balancer needs the same one.
function ensureSecret() {
  if (process.env.NEXTAUTH_SECRET) return;
  if (process.env.DATABASE_URL && process.env.NODE_ENV === "production") {
    console.error("[switchboard] NEXTAUTH_SECRET is required when DATABASE_URL is set and NODE_ENV=production.");
    process.exit(1);
  }
  const dataDir = process.env.PGLITE_DATA_DIR ? path.dirname(process.env.PGLITE_DATA_DIR) : path.join(root, "data");
  const file = path.join(dataDir, "nextauth-secret");
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dataDir, { recursive: true });
    fs.writeFileSync(file, crypto.randomBytes(32).toString("base64url"), { mode: 0o600 });
  }
  process.env.NEXTAUTH_SECRET = fs.readFileSync(file, "utf8").trim();
}

buildIfNeeded();
ensureSecret();
process.env.NEXTAUTH_URL ??= `http://localhost:${port}`;

// scripts/serve.mjs: one `next start` process per core with a server
// database, exactly one with the embedded one (SB_WORKERS overrides).
const server = spawn(process.execPath, [path.join(root, "scripts", "serve.mjs")], { cwd: root, stdio: "inherit", env: { ...process.env, PORT: port } });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
