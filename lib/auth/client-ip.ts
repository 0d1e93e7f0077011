import net from "node:net";

/*
 * The client address, for the per-address sign-in limit.
 *
 * X-Forwarded-For is written by whoever sends the request, so only the
 * entries added by proxies we run can be believed. TRUSTED_PROXIES lists them
 * (IP addresses and CIDR ranges, comma-separated; default none). The address
 * is found from the right: the socket peer first, then each entry a trusted
 * hop vouches for, stopping at the first address that is not a trusted proxy.
 * With no trusted proxies that is always the socket peer, whatever the
 * client sent.
 *
 * Next.js gives a route handler no socket address, and `next start` only
 * fills in X-Forwarded-For when the client sent none, so the address is
 * worked out on the socket (lib/auth/peer-address.ts) and handed on in
 * CLIENT_IP_HEADER, which that hook always overwrites.
 */

export const CLIENT_IP_HEADER = "x-switchboard-client-ip";

/** Parses TRUSTED_PROXIES; an entry that is neither an address nor a CIDR range is an error, not silently ignored. */
export function parseTrustedProxies(value: string | undefined): net.BlockList {
  const list = new net.BlockList();
  for (const raw of (value ?? "").split(",")) {
    const entry = raw.trim();
    if (!entry) continue;
    const [address, bits, ...extra] = entry.split("/");
    const family = net.isIP(address);
    const prefix = bits === undefined ? undefined : Number(bits);
    const maxBits = family === 6 ? 128 : 32;
    if (!family || extra.length > 0 || (prefix !== undefined && !(Number.isInteger(prefix) && prefix >= 0 && prefix <= maxBits && bits !== ""))) {
      throw new Error(`TRUSTED_PROXIES: "${entry}" is not an IP address or CIDR range (like 10.0.0.0/8 or fd00::/8).`);
    }
    const type = family === 6 ? "ipv6" : "ipv4";
    if (prefix === undefined) list.addAddress(address, type);
    else list.addSubnet(address, prefix, type);
  }
  return list;
}

/** An address as written in a header or by the socket: IPv4-mapped IPv6 as IPv4, port and brackets dropped; null if not an address. */
export function normalizeAddress(value: string | undefined): string | null {
  if (!value) return null;
  let address = value.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(address);
  if (bracketed) address = bracketed[1];
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(address)) address = address.slice(0, address.lastIndexOf(":"));
  const mapped = /^::ffff:(\d{1,3}(\.\d{1,3}){3})$/i.exec(address);
  if (mapped) address = mapped[1];
  return net.isIP(address) ? address.toLowerCase() : null;
}

function isTrusted(trusted: net.BlockList, address: string): boolean {
  return trusted.check(address, net.isIP(address) === 6 ? "ipv6" : "ipv4");
}

/**
 * The client behind `peer` (the socket's remote address), given the
 * X-Forwarded-For it sent. Entries are only read while every hop to their
 * right is a trusted proxy; a trusted proxy that passes on something that is
 * not an address leaves the last trusted hop as the answer.
 */
export function clientAddress(forwardedFor: string | undefined, peer: string | undefined, trusted: net.BlockList): string {
  let client = normalizeAddress(peer);
  if (!client) return "unknown";
  const hops = (forwardedFor ?? "").split(",");
  while (isTrusted(trusted, client) && hops.length > 0) {
    const next = normalizeAddress(hops.pop());
    if (!next) break;
    client = next;
  }
  return client;
}

/**
 * What the per-address limit counts by: an IPv4 address as it is, an IPv6
 * address by its /64 network, since one subscriber is handed a whole /64 and
 * could otherwise take a fresh address for every attempt.
 */
export function addressKey(address: string): string {
  if (net.isIP(address) !== 6) return address;
  const [head, tail] = address.split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const groups = tail === undefined ? left : [...left, ...Array(8 - left.length - right.length).fill("0"), ...right];
  return `${groups.slice(0, 4).map((group) => parseInt(group, 16).toString(16)).join(":")}::/64`;
}

type HeaderBag = Record<string, string | string[] | undefined> | Headers;

/**
 * The client address the socket hook worked out for this request. "unknown"
 * only when the hook did not run (a request that reached the server before
 * it was installed); such requests share one limit rather than trusting a
 * header the client wrote.
 */
export function clientIp(headers: HeaderBag): string {
  const value = headers instanceof Headers ? headers.get(CLIENT_IP_HEADER) : headers[CLIENT_IP_HEADER];
  return normalizeAddress(Array.isArray(value) ? value[0] : (value ?? undefined)) ?? "unknown";
}
