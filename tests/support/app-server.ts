// Starts the production build through the app's own HTTP server (scripts/serve.ts, as `npm start` does)
// on a free port against this run's database. The e2e global setup starts one for every browser test;
// a test that needs other settings (limits, proxy hops) starts its own beside it.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { freePort } from "./free-port";

export const ROOT = path.resolve(import.meta.dirname, "../..");
// E2E_DIST_DIR lets two e2e runs (e.g. two developers' branches of work) build side by side.
export const DIST = process.env.E2E_DIST_DIR ?? ".next-test";

export interface AppServer {
  baseUrl: string;
  port: number;
  child: ChildProcess;
  stop(): Promise<void>;
}

async function waitForHealth(url: string, child: ChildProcess, timeoutMs = 100_000): Promise<void> {
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

export async function startAppServer(opts: { databaseUrl: string; authSecret: string; env?: Record<string, string> }): Promise<AppServer> {
  const port = await freePort();
  const baseUrl = `http://localhost:${port}`;
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/serve.ts"], {
    cwd: ROOT,
    env: {
      ...process.env,
      NEXT_DIST_DIR: DIST,
      NEXT_TELEMETRY_DISABLED: "1",
      APP_ENV: "test",
      DATABASE_URL: opts.databaseUrl,
      BETTER_AUTH_SECRET: opts.authSecret,
      APP_URL: baseUrl,
      PORT: String(port),
      LOG_LEVEL: process.env.E2E_SERVER_LOG_LEVEL ?? "warn",
      // No load balancer to drain from (issue 14): SIGTERM closes at once.
      SHUTDOWN_DRAIN_DELAY_MS: "0",
      ...opts.env,
    },
    stdio: ["ignore", "inherit", "inherit"],
  });
  await waitForHealth(baseUrl, child);
  return {
    baseUrl,
    port,
    child,
    async stop() {
      child.kill("SIGTERM");
      await new Promise((r) => setTimeout(r, 300));
      if (child.exitCode === null) child.kill("SIGKILL");
    },
  };
}
