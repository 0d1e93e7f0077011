import { NextResponse, type NextRequest } from "next/server";
import { forwardedHttps, pageContentSecurityPolicy, STRICT_TRANSPORT_SECURITY } from "@/lib/security/headers";

/**
 * Each page's Content-Security-Policy with a fresh nonce (the static security
 * headers come from next.config.ts). Next.js reads the nonce from the
 * request's CSP header and puts it on every script it renders; the pages are
 * all rendered per request (app/layout.tsx), so every one gets it.
 */
export function proxy(request: NextRequest) {
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const viaProxy = forwardedHttps(request.headers.get("x-forwarded-proto"));
  // NEXTAUTH_URL is the public URL: https there means browsers reach us over HTTPS even when the proxy does not say so.
  const publicHttps = process.env.NEXTAUTH_URL?.startsWith("https://") ?? false;
  const policy = pageContentSecurityPolicy(nonce, { https: viaProxy || publicHttps, development: process.env.NODE_ENV === "development" });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("content-security-policy", policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("content-security-policy", policy);
  // next.config.ts sends HSTS when X-Forwarded-Proto says https; this covers a proxy that does not send it.
  if (publicHttps && !viaProxy) response.headers.set("strict-transport-security", STRICT_TRANSPORT_SECURITY);
  return response;
}

export const config = {
  matcher: [
    {
      // Not route handlers: the proxy buffers a request body and cuts it at
      // 10 MB, which would silently truncate uploads (/api/imports); their
      // headers come from next.config.ts. Not static files either, nor
      // prefetches (no document is rendered for them).
      source: "/((?!api/|_next/static/|_next/image|favicon.ico).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
