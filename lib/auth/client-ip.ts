type HeaderBag = Record<string, string | string[] | undefined> | Headers;

function header(headers: HeaderBag, name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const value = headers[name];
  return Array.isArray(value) ? value.join(",") : value;
}

/**
 * The client address for rate limiting. The last X-Forwarded-For entry is the
 * one added by the nearest proxy (or by `next start` itself), so a client cannot
 * choose it by sending its own header.
 */
export function clientIp(headers: HeaderBag): string {
  const forwarded = header(headers, "x-forwarded-for");
  const last = forwarded?.split(",").map((s) => s.trim()).filter(Boolean).pop();
  return last || header(headers, "x-real-ip") || "unknown";
}
