/*
 * The security headers, in one place: next.config.ts sends the static ones
 * on every response (pages, route handlers, downloads, static files) and
 * proxy.ts adds each page's Content-Security-Policy with a fresh nonce.
 * Pure data and functions: next.config.ts and proxy.ts both import this.
 */

type Header = { key: string; value: string };

/** On every response. */
export const SECURITY_HEADERS: Header[] = [
  // A CSV or JSON body is never sniffed into HTML or script.
  { key: "X-Content-Type-Options", value: "nosniff" },
  // Our URLs carry searches of personal data (/contacts?q=…) and join codes: no other site learns them.
  { key: "Referrer-Policy", value: "same-origin" },
  // The app uses none of these; a page injected into it cannot ask for them either.
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=()" },
  // Browsers without CSP frame-ancestors (the CSP below says the same).
  { key: "X-Frame-Options", value: "DENY" },
  // A window this app opens or is opened by shares no browsing context group with another site.
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
];

/**
 * For route handlers (JSON, CSV, XLSX): nothing in such a response may run or
 * load anything, should a browser ever render one as a document.
 */
export const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'";

/**
 * Two years, the usual preload-grade value. No includeSubDomains: other hosts
 * under the operator's domain may not serve HTTPS, and this app cannot know.
 */
export const STRICT_TRANSPORT_SECURITY = "max-age=63072000";

/**
 * A page's policy. Scripts: only those carrying this response's nonce (Next.js
 * puts it on its own scripts when it finds it in the request's CSP header),
 * and what they load ('strict-dynamic'); no 'unsafe-inline' for scripts.
 * Styles: 'unsafe-inline', because Radix positions popovers and menus with
 * style attributes, sonner injects its stylesheet at run time and React
 * renders style props (progress bar) — none of which a nonce can cover; style
 * injection cannot run script. In development React needs 'unsafe-eval'.
 */
export function pageContentSecurityPolicy(nonce: string, options: { https: boolean; development: boolean }): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${options.development ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    // Over plain HTTP this would send the page's own requests to an https:// that is not there.
    ...(options.https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

/**
 * Whether the browser reached us over HTTPS: `next start` speaks plain HTTP,
 * so HTTPS ends at a proxy, which says so in X-Forwarded-Proto (its first
 * entry is the hop nearest the browser). The header is not checked against
 * TRUSTED_PROXIES: a client that forges it only gets HSTS sent to itself,
 * and browsers ignore HSTS received over plain HTTP (RFC 6797 §8.1).
 */
export function forwardedHttps(forwardedProto: string | null): boolean {
  return forwardedProto?.split(",")[0].trim().toLowerCase() === "https";
}

/** The `has` value (an anchored regex) next.config.ts matches X-Forwarded-Proto with, the same rule as forwardedHttps. */
export const FORWARDED_HTTPS_PATTERN = "[hH][tT][tT][pP][sS](\\s*,.*)?";
