import http from "node:http";
import type { AddressInfo } from "node:net";
import type { DatabaseHandle } from "@/db/client";
import { authenticate } from "@/lib/auth/authenticate";
import { addressKey, clientAddress, clientIp, parseTrustedProxies } from "@/lib/auth/client-ip";
import { installClientAddressHook } from "@/lib/auth/peer-address";
import { MAX_FAILURES_PER_IP } from "@/lib/auth/rate-limit";
import { createTestDatabase } from "../support/db";
import { createMember, createWorkspace, PASSWORD } from "../support/fixtures";

// Issue 13: the per-address limit trusted the last X-Forwarded-For entry from
// any client, so rotating the header was never blocked and forging it locked
// out someone else's address.

let handle: DatabaseHandle;
let workspaceId: string;
let server: http.Server;
let port: number;

beforeAll(async () => {
  handle = await createTestDatabase();
  workspaceId = (await createWorkspace(handle.db)).id;
  // What a sign-in does with the request: the address from its headers, then authenticate.
  server = http.createServer(async (req, res) => {
    const body = await new Promise<string>((resolve) => {
      let text = "";
      req.on("data", (chunk) => (text += chunk));
      req.on("end", () => resolve(text));
    });
    const { email, password } = JSON.parse(body) as { email: string; password: string };
    const ip = clientIp(req.headers);
    const result = await authenticate(handle.db, { email, password, ip });
    res.setHeader("content-type", "application/json");
    res.end(JSON.stringify({ ip, code: result.ok ? "ok" : result.code }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await handle.close();
});

function signIn(email: string, password: string, headers: Record<string, string> = {}, localAddress = "127.0.0.1") {
  return new Promise<{ ip: string; code: string }>((resolve, reject) => {
    const req = http.request(
      { host: "127.0.0.1", port, method: "POST", path: "/", localAddress, agent: false, headers: { "content-type": "application/json", ...headers } },
      (res) => {
        let text = "";
        res.on("data", (chunk) => (text += chunk));
        res.on("end", () => resolve(JSON.parse(text)));
      },
    );
    req.on("error", reject);
    req.end(JSON.stringify({ email, password }));
  });
}

describe("with no trusted proxies (the default)", () => {
  beforeAll(() => installClientAddressHook(undefined));

  test(`rotating X-Forwarded-For does not escape the per-address limit: 40 wrong attempts, the last ${40 - MAX_FAILURES_PER_IP} blocked`, async () => {
    const codes: string[] = [];
    const ips = new Set<string>();
    for (let i = 0; i < 40; i++) {
      const r = await signIn(`rotate${i}@example.test`, "wrong password!", { "x-forwarded-for": `198.51.100.${i}` });
      codes.push(r.code);
      ips.add(r.ip);
    }
    expect([...ips]).toEqual(["127.0.0.1"]);
    expect(codes.filter((c) => c === "rate_limited")).toHaveLength(40 - MAX_FAILURES_PER_IP);
  });

  test("forging another address in X-Forwarded-For (or the internal header) does not lock that address out", async () => {
    const member = await createMember(handle.db, workspaceId, "user");
    for (let i = 0; i < MAX_FAILURES_PER_IP + 5; i++) {
      await signIn(`forge${i}@example.test`, "wrong password!", { "x-forwarded-for": "127.0.0.3", "x-switchboard-client-ip": "127.0.0.3" }, "127.0.0.2");
    }
    // The victim, really at 127.0.0.3, still signs in.
    expect(await signIn(member.email, PASSWORD, {}, "127.0.0.3")).toEqual({ ip: "127.0.0.3", code: "ok" });
    // The forger was counted under its own socket address.
    expect(await signIn(member.email, PASSWORD, {}, "127.0.0.2")).toEqual({ ip: "127.0.0.2", code: "rate_limited" });
  });
});

describe("behind a configured proxy", () => {
  beforeAll(() => installClientAddressHook("127.0.0.4, 10.0.0.0/8"));
  afterAll(() => installClientAddressHook(undefined));

  test("the address a trusted proxy forwards is the client; an untrusted peer's header is ignored", async () => {
    expect((await signIn("a@example.test", "x", { "x-forwarded-for": "6.6.6.6, 203.0.113.7" }, "127.0.0.4")).ip).toBe("203.0.113.7");
    expect((await signIn("a@example.test", "x", { "x-forwarded-for": "203.0.113.7" }, "127.0.0.5")).ip).toBe("127.0.0.5");
    expect((await signIn("a@example.test", "x", {}, "127.0.0.4")).ip).toBe("127.0.0.4");
  });
});

describe("clientAddress", () => {
  const trusted = parseTrustedProxies("10.0.0.0/8, 192.0.2.1, fd00::/8");

  test.each([
    ["no header, untrusted peer", undefined, "203.0.113.1", "203.0.113.1"],
    ["header from an untrusted peer is ignored", "1.2.3.4", "203.0.113.1", "203.0.113.1"],
    ["one trusted hop", "198.51.100.9", "10.1.2.3", "198.51.100.9"],
    ["two trusted hops, forged entries left of the client ignored", "6.6.6.6, 198.51.100.9, 192.0.2.1", "10.1.2.3", "198.51.100.9"],
    ["trusted proxy with no header: the proxy itself", undefined, "10.1.2.3", "10.1.2.3"],
    ["garbage passed on by a trusted proxy stops at the proxy", "not-an-ip", "10.1.2.3", "10.1.2.3"],
    ["IPv4-mapped peer", undefined, "::ffff:203.0.113.1", "203.0.113.1"],
    ["IPv6 trusted range and a port on the forwarded entry", "198.51.100.9:51234", "fd00::1", "198.51.100.9"],
    ["bracketed IPv6 with a port", "[2001:db8::1]:443", "10.0.0.1", "2001:db8::1"],
    ["no peer at all", "1.2.3.4", undefined, "unknown"],
  ])("%s", (_name, forwarded, peer, expected) => {
    expect(clientAddress(forwarded, peer, trusted)).toBe(expected);
  });

  test("TRUSTED_PROXIES with something that is not an address or range is refused with a message", () => {
    expect(() => parseTrustedProxies("10.0.0.0/8, proxy.internal")).toThrow('TRUSTED_PROXIES: "proxy.internal" is not an IP address or CIDR range');
    expect(() => parseTrustedProxies("10.0.0.0/33")).toThrow("10.0.0.0/33");
    expect(() => parseTrustedProxies("10.0.0.0/")).toThrow("10.0.0.0/");
  });

  test.each([
    ["203.0.113.7", "203.0.113.7"],
    ["2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64"],
    ["2001:db8::1", "2001:db8:0:0::/64"],
    ["::1", "0:0:0:0::/64"],
    ["2001:0db8:00ab:0001::", "2001:db8:ab:1::/64"],
  ])("the limit counts %s as %s", (address, key) => {
    expect(addressKey(address)).toBe(key);
  });

  test("clientIp reads only the header the socket hook writes, never X-Forwarded-For", () => {
    expect(clientIp({ "x-forwarded-for": "1.2.3.4" })).toBe("unknown");
    expect(clientIp(new Headers({ "x-switchboard-client-ip": "203.0.113.5" }))).toBe("203.0.113.5");
  });
});
