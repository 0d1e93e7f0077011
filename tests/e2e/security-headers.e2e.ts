import type { Page } from "playwright-core";
import { screenshot } from "./support/browser";
import { serverAndBrowser } from "./support/environment";
import { ADMIN, completeSetup, signIn, signOut } from "./support/flows";

// The finding: no security headers at all, so every page could be framed. Read from `next start`:
// each page's nonce-based CSP (proxy.ts), the static headers on pages and route handlers alike
// (next.config.ts), HSTS over HTTPS; then Chromium goes through every page under the policy.

const env = serverAndBrowser();

async function fetchPath(path: string, headers: Record<string, string> = {}) {
  const response = await fetch(env.server.url + path, { redirect: "manual", headers: { connection: "close", ...headers } });
  return { status: response.status, headers: response.headers, body: await response.text() };
}

function directives(policy: string | null): Map<string, string[]> {
  expect(policy).toBeTruthy();
  return new Map(
    policy!
      .split(";")
      .map((d) => d.trim())
      .filter(Boolean)
      .map((d) => {
        const [name, ...values] = d.split(/\s+/);
        return [name, values] as const;
      }),
  );
}

function nonceOf(policy: Map<string, string[]>): string {
  const source = policy.get("script-src")?.find((value) => value.startsWith("'nonce-"));
  expect(source).toBeDefined();
  return source!.slice("'nonce-".length, -1);
}

function expectStaticHeaders(headers: Headers) {
  expect({
    nosniff: headers.get("x-content-type-options"),
    referrer: headers.get("referrer-policy"),
    permissions: headers.get("permissions-policy"),
    frame: headers.get("x-frame-options"),
  }).toEqual({ nosniff: "nosniff", referrer: "same-origin", permissions: "camera=(), microphone=(), geolocation=(), payment=(), usb=()", frame: "DENY" });
}

test("a page: a nonce-based CSP without unsafe-inline scripts, frame-ancestors 'none', a fresh nonce each time, on every script", async () => {
  const first = await fetchPath("/setup");
  expect(first.status).toBe(200);
  const policy = directives(first.headers.get("content-security-policy"));
  expect(policy.get("frame-ancestors")).toEqual(["'none'"]);
  expect(policy.get("object-src")).toEqual(["'none'"]);
  expect(policy.get("script-src")).toEqual(["'self'", expect.stringMatching(/^'nonce-[A-Za-z0-9+/=]{22,}'$/), "'strict-dynamic'"]);
  expect(policy.get("style-src")).toEqual(["'self'", "'unsafe-inline'"]);
  const nonce = nonceOf(policy);
  const scripts = [...first.body.matchAll(/<script\b[^>]*>/g)].map(([tag]) => tag);
  expect(scripts.length).toBeGreaterThan(3);
  expect(scripts.filter((tag) => !tag.includes(`nonce="${nonce}"`))).toEqual([]);
  expectStaticHeaders(first.headers);
  // Plain HTTP: no HSTS, and no upgrade of the page's own requests to an https:// that is not there.
  expect(first.headers.get("strict-transport-security")).toBeNull();
  expect(policy.has("upgrade-insecure-requests")).toBe(false);

  expect(nonceOf(directives((await fetchPath("/setup")).headers.get("content-security-policy")))).not.toBe(nonce);
  // The not-found page is rendered per request too, so its scripts carry the nonce as well.
  const missing = await fetchPath("/no-such-page");
  expect(missing.status).toBe(404);
  const missingNonce = nonceOf(directives(missing.headers.get("content-security-policy")));
  expect([...missing.body.matchAll(/<script\b[^>]*>/g)].filter(([tag]) => !tag.includes(`nonce="${missingNonce}"`))).toEqual([]);
});

test("route handlers (JSON, downloads) get the static headers and a CSP under which nothing runs", async () => {
  for (const path of ["/api/health", "/api/contacts/export", "/api/imports/template", "/api/no-such-route"]) {
    const { headers } = await fetchPath(path);
    expectStaticHeaders(headers);
    expect(headers.get("content-security-policy")).toBe("default-src 'none'; frame-ancestors 'none'");
  }
});

test("over HTTPS (X-Forwarded-Proto https from the proxy): HSTS on pages and route handlers, insecure requests upgraded", async () => {
  const page = await fetchPath("/setup", { "x-forwarded-proto": "https" });
  expect(page.headers.get("strict-transport-security")).toBe("max-age=63072000");
  expect(directives(page.headers.get("content-security-policy")).has("upgrade-insecure-requests")).toBe(true);
  expect((await fetchPath("/api/health", { "x-forwarded-proto": "https" })).headers.get("strict-transport-security")).toBe("max-age=63072000");
});

/** CSP violations (as the page sees them), and console lines about a policy or a script error. */
function watch(page: Page) {
  const problems: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Content-Security-Policy|Permissions.Policy|Refused to/i.test(message.text())) problems.push(`${page.url()}: ${message.text()}`);
  });
  page.on("pageerror", (error) => problems.push(`${page.url()}: ${error.message}`));
  return problems;
}

test("every page works under the policy in Chromium: scripts run, no CSP violation, and no other site can frame it", async () => {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 860 } });
  await context.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __violations: string[] }).__violations = seen;
    document.addEventListener("securitypolicyviolation", (event) => seen.push(`${event.violatedDirective} ${event.blockedURI}`));
  });
  const page = await context.newPage();
  const problems = watch(page);
  const violations = async () => (await page.evaluate(() => (window as unknown as { __violations: string[] }).__violations)).map((v) => `${page.url()}: ${v}`);

  await completeSetup(page, env.server.url);
  // Signing in is next-auth's client code: it runs only if the page's scripts do.
  await signOut(page);
  await signIn(page, env.server.url, ADMIN.email, ADMIN.password);

  const pages = ["/contacts", "/contacts/new", "/contacts/import", "/lists", "/sessions", "/sessions/new", "/sessions/outbox", "/settings/workspace", "/settings/members", "/settings/attributes", "/settings/audit", "/join/no-such-code", "/no-such-page"];
  const seen: string[] = [];
  for (const path of pages) {
    await page.goto(env.server.url + path, { waitUntil: "networkidle" });
    seen.push(...(await violations()));
  }
  // A client-side navigation (the router's own fetch and render) and a Radix control.
  await page.goto(`${env.server.url}/contacts`, { waitUntil: "networkidle" });
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Settings" }).click();
  await page.waitForURL(/\/settings\/workspace$/);
  seen.push(...(await violations()));
  await screenshot(page, "security-headers-settings-under-csp");
  expect([...seen, ...problems]).toEqual([]);

  // What the policy is for: markup injected into a page (stored XSS) runs no script, and the browser reports it.
  await page.evaluate(() => document.body.insertAdjacentHTML("beforeend", '<img src="/no-such-image" onerror="window.__xss = true">'));
  await page.waitForTimeout(1000);
  expect(await page.evaluate(() => (window as unknown as { __xss?: boolean }).__xss)).toBeUndefined();
  expect((await violations()).join("\n")).toMatch(/script-src/);

  // Another site's page that frames ours: the browser refuses to render it inside.
  const attacker = await context.newPage();
  const refusals: string[] = [];
  attacker.on("console", (message) => refusals.push(message.text()));
  await attacker.setContent(`<iframe id="victim" src="${env.server.url}/signin" width="800" height="600"></iframe>`);
  await attacker.waitForTimeout(2000);
  const framed = attacker.frames().find((frame) => frame !== attacker.mainFrame());
  expect(await framed?.locator("input").count()).toBe(0);
  expect(refusals.join("\n")).toMatch(/frame-ancestors 'none'/);
  await context.close();
});
