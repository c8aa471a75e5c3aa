// Starts the production build through the app's own HTTP server (scripts/serve.ts, as `npm start` does) on a free port against this run's database, for browser
// tests and HTTP smoke tests. The build lives in .next-test so it never clashes with a developer's .next.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { freePort } from "../support/free-port";
import path from "node:path";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

const ROOT = path.resolve(import.meta.dirname, "../..");
// E2E_DIST_DIR lets two e2e runs (e.g. two developers' branches of work) build side by side.
const DIST = process.env.E2E_DIST_DIR ?? ".next-test";


async function waitForHealth(url: string, child: ChildProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the app server exited with ${child.exitCode}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error("the app server did not become healthy in time");
}

export default async function setup(project: TestProject) {
  const nextBin = path.join(ROOT, "node_modules/next/dist/bin/next");
  const env = { ...process.env, NEXT_DIST_DIR: DIST, NEXT_TELEMETRY_DISABLED: "1" };
  if (!existsSync(path.join(ROOT, DIST, "BUILD_ID")) || process.env.E2E_REBUILD === "1") {
    const build = spawnSync(process.execPath, [nextBin, "build"], { cwd: ROOT, env, stdio: "inherit" });
    if (build.status !== 0) throw new Error("next build failed");
  }
  const port = await freePort();
  const baseUrl = `http://localhost:${port}`;
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/serve.ts"], {
    cwd: ROOT,
    env: {
      ...env,
      APP_ENV: "test",
      DATABASE_URL: process.env.TEST_DATABASE_URL!,
      BETTER_AUTH_SECRET: project.getProvidedContext().authSecret,
      APP_URL: baseUrl,
      PORT: String(port),
      LOG_LEVEL: process.env.E2E_SERVER_LOG_LEVEL ?? "warn",
    },
    stdio: ["ignore", "inherit", "inherit"],
  });
  await waitForHealth(baseUrl, child);
  project.provide("baseUrl", baseUrl);
  return async () => {
    child.kill("SIGTERM");
    await new Promise((r) => setTimeout(r, 300));
    if (child.exitCode === null) child.kill("SIGKILL");
  };
}
