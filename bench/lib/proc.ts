import fs from "node:fs";

// The server process's memory, read from /proc (Linux only): which process
// listens on the port, and its resident set size sampled while work runs.

/** Inodes of the sockets listening on `port` (IPv4 and IPv6). */
function listeningInodes(port: number): Set<string> {
  const inodes = new Set<string>();
  const hexPort = port.toString(16).toUpperCase().padStart(4, "0");
  for (const file of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    if (!fs.existsSync(file)) continue;
    for (const line of fs.readFileSync(file, "utf8").split("\n").slice(1)) {
      const cols = line.trim().split(/\s+/);
      // local_address is "ADDR:PORT"; state 0A is LISTEN; inode is column 10.
      if (cols.length > 9 && cols[1].endsWith(`:${hexPort}`) && cols[3] === "0A") inodes.add(cols[9]);
    }
  }
  return inodes;
}

/** The pid of the process listening on `port` (the next-server process), or throws. */
export function pidListeningOn(port: number): number {
  const inodes = listeningInodes(port);
  if (inodes.size === 0) throw new Error(`nothing listens on port ${port}`);
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let fds: string[];
    try {
      fds = fs.readdirSync(`/proc/${entry}/fd`);
    } catch {
      continue; // gone, or not ours
    }
    for (const fd of fds) {
      try {
        const target = fs.readlinkSync(`/proc/${entry}/fd/${fd}`);
        const m = /^socket:\[(\d+)\]$/.exec(target);
        if (m && inodes.has(m[1])) return Number(entry);
      } catch {
        // fd closed meanwhile
      }
    }
  }
  throw new Error(`no process found for the socket listening on port ${port}`);
}

/** The parent pid of a process, or null when it is gone. */
function parentOf(pid: number): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
  } catch {
    return null;
  }
}

/**
 * `pid` and every process below it: the server's primary and its cluster
 * workers (scripts/serve.mjs), or the single next-server process.
 */
export function processTree(pid: number): number[] {
  const all = fs.readdirSync("/proc").filter((e) => /^\d+$/.test(e)).map(Number);
  const tree = [pid];
  for (let i = 0; i < tree.length; i++) for (const p of all) if (parentOf(p) === tree[i]) tree.push(p);
  return tree;
}

/** CPU time (user + system) of a process in ms, from /proc (0 when it is gone). */
export function cpuMs(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // utime and stime (fields 14 and 15 of stat), in clock ticks of 10 ms.
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return 0;
  }
}

/** VmRSS of a process in bytes (NaN when it is gone). */
export function rssBytes(pid: number): number {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
    return m ? Number(m[1]) * 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

export type RssWindow = { beforeMb: number; peakMb: number; growthMb: number; samples: number };

/** VmRSS summed over a process tree, in bytes (NaN when the root is gone). */
export function treeRssBytes(pids: number[]): number {
  const sizes = pids.map(rssBytes);
  return Number.isFinite(sizes[0]) ? sizes.filter(Number.isFinite).reduce((a, b) => a + b, 0) : Number.NaN;
}

/**
 * Samples the VmRSS of a server (the process and its workers, summed) every
 * `intervalMs` between start() and stop(). The tree is read once at the
 * start: a worker restarted meanwhile would be missed, and would show as a drop.
 * (VmHWM cannot be reset without privileges, so the peak is the highest sample.)
 */
export class RssSampler {
  private timer: NodeJS.Timeout | undefined;
  private before = Number.NaN;
  private peak = 0;
  private samples = 0;

  private pids: number[] = [];

  constructor(
    readonly pid: number,
    private readonly intervalMs = 200,
  ) {}

  start(): void {
    this.pids = processTree(this.pid);
    this.before = treeRssBytes(this.pids);
    this.peak = this.before;
    this.samples = 1;
    this.timer = setInterval(() => this.sample(), this.intervalMs);
    this.timer.unref();
  }

  private sample(): void {
    const rss = treeRssBytes(this.pids);
    if (Number.isFinite(rss)) {
      this.peak = Math.max(this.peak, rss);
      this.samples++;
    }
  }

  stop(): RssWindow {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.sample();
    const mb = (b: number) => b / 2 ** 20;
    return { beforeMb: mb(this.before), peakMb: mb(this.peak), growthMb: mb(this.peak - this.before), samples: this.samples };
  }
}

/** The port of a `http://host:port` URL. */
export function portOf(url: string): number {
  return Number(new URL(url).port);
}

/** Pids of the processes whose command name (/proc/PID/comm) is `name`, e.g. the PostgreSQL server's backends. */
export function pidsNamed(name: string): number[] {
  const out: number[] = [];
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (fs.readFileSync(`/proc/${entry}/comm`, "utf8").trim() === name) out.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return out;
}
