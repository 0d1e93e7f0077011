// Serves the built app on PORT with one `next start` process per core.
//
// Next.js renders a page on one thread, so one process uses one core however
// many the machine has. With a PostgreSQL server the app keeps no state of its
// own (sessions are cookies, import progress and sign-in attempts live in the
// database), so the workers are interchangeable: node:cluster shares the one
// listening socket and hands connections to them in turn. The embedded
// database (PGlite) lives inside one process, so it always gets exactly one.
// Each worker process also runs background jobs (imports) from the shared
// queue, unless SB_RUN_JOBS=0 leaves them to `npm run worker` (lib/jobs).
//
//   SB_WORKERS   number of worker processes (default: the cores available)
//
// Used by `npm start` (scripts/start.mjs) and by the benchmarks, so both
// measure and run the same thing.
import cluster from "node:cluster";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = path.resolve(import.meta.dirname, "..");
const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");

/** How many workers to run: 1 on PGlite, else SB_WORKERS or the number of cores. */
export function workerCount(env = process.env) {
  if (!env.DATABASE_URL) return 1;
  const wanted = env.SB_WORKERS ? Number(env.SB_WORKERS) : os.availableParallelism();
  if (!Number.isInteger(wanted) || wanted < 1) throw new Error(`SB_WORKERS must be a positive whole number, not "${env.SB_WORKERS}"`);
  return wanted;
}

// A worker that dies within this long after starting counts as a failed start;
// after MAX_QUICK_DEATHS in a row the whole server stops instead of looping.
const QUICK_DEATH_MS = 10_000;
const MAX_QUICK_DEATHS = 5;
const STOP_GRACE_MS = 10_000;

// A young generation of up to 2 × 32 MB instead of V8's 2 × 16 MB: with 16
// pages rendering at once, a 16 MB semi-space is scavenged while most of
// their objects are still alive, so they get promoted and the old generation
// fills with garbage that only a full collection frees. Measured on the
// contacts page, 2 cores, 16 clients: 0–20% more pages per second (noisy
// machine; never fewer). It costs at most 32 MB more per worker.
const WORKER_V8_FLAGS = ["--max-semi-space-size=32"];

function serve(port, count) {
  cluster.setupPrimary({ exec: nextBin, args: ["start", "-p", port], execArgv: [...process.execArgv, ...WORKER_V8_FLAGS], silent: false });
  let stopping = false;
  let quickDeaths = 0;
  const startedAt = new Map();

  const fork = () => {
    const worker = cluster.fork();
    startedAt.set(worker.id, Date.now());
  };

  cluster.on("exit", (worker, code, signal) => {
    const lived = Date.now() - (startedAt.get(worker.id) ?? 0);
    startedAt.delete(worker.id);
    if (stopping) {
      // Exit 1 when stopping because workers kept failing (exitCode set below).
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(process.exitCode ?? 0);
      return;
    }
    quickDeaths = lived < QUICK_DEATH_MS ? quickDeaths + 1 : 0;
    if (quickDeaths >= MAX_QUICK_DEATHS) {
      console.error(`[switchboard] workers keep exiting right after start (last: code ${code}, signal ${signal}); stopping.`);
      stopAll("SIGTERM", 1);
      return;
    }
    console.error(`[switchboard] worker ${worker.process.pid} exited (code ${code}, signal ${signal}); starting another.`);
    fork();
  });

  // Stops every worker: each finishes its in-flight requests, then exits;
  // one still busy after STOP_GRACE_MS is killed, and the exit code says so.
  const stopAll = (signal, code) => {
    stopping = true;
    if (code) process.exitCode = code;
    const workers = Object.values(cluster.workers ?? {});
    if (workers.length === 0) process.exit(process.exitCode ?? 0);
    for (const w of workers) w?.process.kill(signal);
    setTimeout(() => {
      for (const w of Object.values(cluster.workers ?? {})) w?.process.kill("SIGKILL");
      process.exit(1);
    }, STOP_GRACE_MS).unref();
  };

  for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => stopAll(signal));

  for (let i = 0; i < count; i++) fork();
}

// Run as a script (not imported): compare real paths, so a path with spaces
// or a symlinked checkout still starts the server.
const invokedDirectly = process.argv[1] !== undefined && fs.realpathSync(process.argv[1]) === fs.realpathSync(fileURLToPath(import.meta.url));

if (invokedDirectly) {
  const port = process.env.PORT || "3000";
  const count = workerCount();
  if (count === 1) {
    // One process: next start itself, as before (no primary in between).
    process.argv = [process.argv[0], nextBin, "start", "-p", port];
    await import(pathToFileURL(nextBin).href);
  } else {
    console.log(`[switchboard] serving on port ${port} with ${count} worker processes`);
    serve(port, count);
  }
}
