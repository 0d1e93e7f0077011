import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // PGlite loads its WASM and extension bundles from its own package folder at
  // run time; bundling it (or pg / pg-copy-streams) breaks those lookups.
  // pg-boss is node-postgres underneath, loaded the same way.
  serverExternalPackages: ["@electric-sql/pglite", "pg", "pg-copy-streams", "@node-rs/argon2", "pg-boss"],
  poweredByHeader: false,
};

export default nextConfig;
