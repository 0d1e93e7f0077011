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

/**
 * Samples a process's VmRSS every `intervalMs` between start() and stop().
 * (VmHWM cannot be reset without privileges, so the peak is the highest sample.)
 */
export class RssSampler {
  private timer: NodeJS.Timeout | undefined;
  private before = Number.NaN;
  private peak = 0;
  private samples = 0;

  constructor(
    readonly pid: number,
    private readonly intervalMs = 200,
  ) {}

  start(): void {
    this.before = rssBytes(this.pid);
    this.peak = this.before;
    this.samples = 1;
    this.timer = setInterval(() => this.sample(), this.intervalMs);
    this.timer.unref();
  }

  private sample(): void {
    const rss = rssBytes(this.pid);
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
