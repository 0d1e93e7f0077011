import type { NextConfig } from "next";
import { API_CONTENT_SECURITY_POLICY, FORWARDED_HTTPS_PATTERN, SECURITY_HEADERS, STRICT_TRANSPORT_SECURITY } from "./lib/security/headers";

const nextConfig: NextConfig = {
  // PGlite loads its WASM and extension bundles from its own package folder at
  // run time; bundling it (or pg / pg-copy-streams) breaks those lookups.
  // pg-boss is node-postgres underneath, loaded the same way.
  serverExternalPackages: ["@electric-sql/pglite", "pg", "pg-copy-streams", "@node-rs/argon2", "pg-boss"],
  poweredByHeader: false,
  // The static security headers on every response, route handlers and
  // downloads included (proxy.ts, which adds each page's CSP, stays off
  // /api/). Matched per request, so HSTS follows X-Forwarded-Proto.
  async headers() {
    return [
      { source: "/:path*", headers: SECURITY_HEADERS },
      { source: "/api/:path*", headers: [{ key: "Content-Security-Policy", value: API_CONTENT_SECURITY_POLICY }] },
      { source: "/:path*", has: [{ type: "header", key: "x-forwarded-proto", value: FORWARDED_HTTPS_PATTERN }], headers: [{ key: "Strict-Transport-Security", value: STRICT_TRANSPORT_SECURITY }] },
    ];
  },
};

export default nextConfig;
