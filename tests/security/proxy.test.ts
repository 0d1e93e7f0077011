import { NextRequest } from "next/server";
import { config, proxy } from "@/proxy";

// proxy.ts gives each page its CSP nonce; tests/e2e/security-headers.e2e.ts reads the result from next start.
// Here: what next start cannot vary within one run (NEXTAUTH_URL), and which paths the proxy must stay off.

const savedUrl = process.env.NEXTAUTH_URL;
afterEach(() => {
  if (savedUrl === undefined) delete process.env.NEXTAUTH_URL;
  else process.env.NEXTAUTH_URL = savedUrl;
});

function run(path: string, headers: Record<string, string> = {}) {
  const response = proxy(new NextRequest(`http://switchboard.test${path}`, { headers }));
  return {
    policy: response.headers.get("content-security-policy") ?? "",
    // What Next.js renders the page with: the request's CSP, overridden by the proxy.
    requestPolicy: response.headers.get("x-middleware-request-content-security-policy"),
    hsts: response.headers.get("strict-transport-security"),
  };
}

describe("proxy.ts", () => {
  test("the page renders with the policy the browser gets, and each request has its own nonce", () => {
    process.env.NEXTAUTH_URL = "http://localhost:3000";
    const first = run("/contacts");
    expect(first.requestPolicy).toBe(first.policy);
    expect(first.policy).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/]{22}==' 'strict-dynamic'/);
    expect(run("/contacts").policy).not.toBe(first.policy);
    expect(first.hsts).toBeNull();
  });

  test("a public URL on https (NEXTAUTH_URL) means HTTPS even when the proxy says nothing: HSTS, and insecure requests upgraded", () => {
    process.env.NEXTAUTH_URL = "https://contacts.example.com";
    const { policy, hsts } = run("/contacts");
    expect(hsts).toBe("max-age=63072000");
    expect(policy).toContain("upgrade-insecure-requests");
  });

  test("X-Forwarded-Proto https: insecure requests upgraded; HSTS is next.config.ts's then (every path), not sent twice", () => {
    process.env.NEXTAUTH_URL = "https://contacts.example.com";
    const { policy, hsts } = run("/contacts", { "x-forwarded-proto": "https" });
    expect(policy).toContain("upgrade-insecure-requests");
    expect(hsts).toBeNull();
  });

  test("the matcher stays off route handlers (it would cut upload bodies at 10 MB) and static files, not off pages", () => {
    const [{ source }] = config.matcher;
    const matches = (path: string) => new RegExp(`^${source}$`).test(path);
    expect(["/api/imports", "/api/imports/abc/run", "/api/webhooks/inbound", "/_next/static/chunks/a.js", "/_next/image", "/favicon.ico"].filter(matches)).toEqual([]);
    expect(["/", "/contacts", "/contacts/import", "/signin", "/apiary", "/join/abc"].every(matches)).toBe(true);
  });
});
