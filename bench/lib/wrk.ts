import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Throughput } from "./http";

// wrk (C, one thread, event loop) as the load generator: on a 2-core machine
// autocannon, running in the bench's own Node process, takes CPU the server
// under test needs. A Lua script counts 2xx responses: wrk's own summary
// counts 3xx as successes, and a redirect to /signin must be an error here.

const SCRIPT = `
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) ok = 0; bad = 0 end
function response(status, headers, body)
  if status >= 200 and status < 300 then ok = ok + 1 else bad = bad + 1 end
end
function done(summary, latency, requests)
  local o, b = 0, 0
  for _, t in ipairs(threads) do o = o + t:get("ok"); b = b + t:get("bad") end
  local e = summary.errors
  io.write(string.format("WRK_RESULT ok=%d bad=%d socket=%d duration_us=%d p99_us=%d\\n",
    o, b, e.connect + e.read + e.write + e.timeout, summary.duration, latency:percentile(99)))
end
`;

/** wrk's version line, or null when it is not installed. */
export function wrkVersion(): string | null {
  const result = spawnSync("wrk", ["--version"], { encoding: "utf8" });
  if (result.error) return null;
  return `${result.stdout}${result.stderr}`.split("\n")[0].trim() || "wrk";
}

/** `connections` concurrent keep-alive clients for `seconds`; non-2xx responses and socket errors count as errors. */
export function wrkThroughput(url: string, cookie: string, connections: number, seconds: number): Throughput {
  const script = path.join(os.tmpdir(), `switchboard-bench-wrk-${process.pid}.lua`);
  fs.writeFileSync(script, SCRIPT);
  try {
    const result = spawnSync(
      "wrk",
      ["-t1", `-c${connections}`, `-d${seconds}s`, "--timeout", "10s", "-s", script, "-H", `cookie: ${cookie}`, url],
      { encoding: "utf8" },
    );
    const line = /WRK_RESULT ok=(\d+) bad=(\d+) socket=(\d+) duration_us=(\d+) p99_us=(\d+)/.exec(result.stdout ?? "");
    if (result.status !== 0 || !line) throw new Error(`wrk failed (exit ${result.status}):\n${result.stdout}${result.stderr}`);
    const [ok, bad, socket, durationUs, p99Us] = line.slice(1).map(Number);
    return { perSec: ok / (durationUs / 1e6), errors: bad + socket, requests: ok + bad, latencyP99: p99Us / 1000 };
  } finally {
    fs.rmSync(script, { force: true });
  }
}
