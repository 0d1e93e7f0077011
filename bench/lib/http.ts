import autocannon from "autocannon";
import { percentile, timeRuns } from "./stats";

function isClosedSocket(error: unknown): boolean {
  const code = (error as { cause?: { code?: string } })?.cause?.code;
  return code === "UND_ERR_SOCKET" || code === "ECONNRESET";
}

/** A cookie jar just big enough for next-auth. */
export class Session {
  private cookies = new Map<string, string>();

  constructor(readonly base: string) {}

  absorb(response: Response): void {
    for (const header of response.headers.getSetCookie()) {
      const pair = header.split(";", 1)[0];
      const eq = pair.indexOf("=");
      if (eq > 0) this.cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
    }
  }

  get cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  has(name: string): boolean {
    return this.cookies.has(name);
  }

  async get(path: string): Promise<{ status: number; body: string }> {
    const send = () => fetch(this.base + path, { headers: { cookie: this.cookieHeader }, redirect: "manual" });
    let response: Response;
    try {
      response = await send();
    } catch (error) {
      // A keep-alive connection left idle past the server's keep-alive
      // timeout (during another tool's load run) is closed as it is reused:
      // the request never reached the app, so send it again, once.
      if (!isClosedSocket(error)) throw error;
      response = await send();
    }
    return { status: response.status, body: await response.text() };
  }
}

/** next-auth v4 credentials sign-in: csrf token + cookie, then the callback with json=true. */
export async function signIn(base: string, email: string, password: string): Promise<Session> {
  const session = new Session(base);
  const csrfResponse = await fetch(`${base}/api/auth/csrf`);
  session.absorb(csrfResponse);
  const { csrfToken } = (await csrfResponse.json()) as { csrfToken: string };
  const response = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: session.cookieHeader },
    body: new URLSearchParams({ csrfToken, email, password, json: "true", callbackUrl: `${base}/contacts` }),
    redirect: "manual",
  });
  session.absorb(response);
  await response.arrayBuffer();
  if (!session.has("next-auth.session-token")) {
    throw new Error(`sign-in as ${email} failed (HTTP ${response.status}, no next-auth.session-token cookie)`);
  }
  return session;
}

export type Latency = { p50: number; p95: number; p99: number; samples: number[] };

/** Sequential requests with one client: `warmup` unmeasured, then `runs` measured to the last body byte. */
export async function measureLatency(session: Session, path: string, runs: number, warmup: number): Promise<Latency> {
  let bad: string | null = null;
  const request = async () => {
    const { status } = await session.get(path);
    if (status !== 200) bad ??= `HTTP ${status}`;
  };
  const samples = await timeRuns(request, runs, warmup);
  if (bad) throw new Error(`${path}: ${bad}`);
  return { p50: percentile(samples, 50), p95: percentile(samples, 95), p99: percentile(samples, 99), samples };
}

export type Throughput = { perSec: number; errors: number; requests: number; latencyP99: number };

/** autocannon with `connections` concurrent clients for `seconds`; non-2xx responses count as errors. */
export async function measureThroughput(session: Session, path: string, connections: number, seconds: number): Promise<Throughput> {
  const result = await autocannon({
    url: session.base + path,
    connections,
    duration: seconds,
    headers: { cookie: session.cookieHeader },
  });
  const ok = result["2xx"];
  return {
    perSec: ok / result.duration,
    errors: result.non2xx + result.errors, // `errors` already includes timeouts
    requests: result.requests.total,
    latencyP99: result.latency.p99,
  };
}
