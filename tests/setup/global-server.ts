// Builds the production app into .next-test when needed and starts it through the app's own HTTP server
// (tests/support/app-server.ts) for browser tests and HTTP smoke tests.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { DIST, ROOT, startAppServer } from "../support/app-server";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const nextBin = path.join(ROOT, "node_modules/next/dist/bin/next");
  const env = { ...process.env, NEXT_DIST_DIR: DIST, NEXT_TELEMETRY_DISABLED: "1" };
  if (!existsSync(path.join(ROOT, DIST, "BUILD_ID")) || process.env.E2E_REBUILD === "1") {
    const build = spawnSync(process.execPath, [nextBin, "build"], { cwd: ROOT, env, stdio: "inherit" });
    if (build.status !== 0) throw new Error("next build failed");
  }
  const server = await startAppServer({ databaseUrl: process.env.TEST_DATABASE_URL!, authSecret: project.getProvidedContext().authSecret });
  project.provide("baseUrl", server.baseUrl);
  return () => server.stop();
}
