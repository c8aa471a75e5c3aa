// Builds the app into its own folder (.next-bench) and runs it through the app's own HTTP server
// (scripts/serve.ts, as `npm start` does) as a child we own, so it can be stopped by its process id
// whatever happens to the benchmark.
import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { isDeepStrictEqual } from "node:util";

export const DIST_DIR = ".next-bench";

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv, cwd: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, env, stdio: "inherit" });
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} ${args.join(" ")} exited with ${code}`))));
  });
}

/**
 * `next build` with a dist folder other than .next rewrites two files the benchmark does not own:
 * it adds "<distDir>/types/**" entries to tsconfig.json's include list, and (re)writes next-env.d.ts to
 * import "<distDir>/types". If tsconfig.json changed in nothing but those entries, its original text is
 * put back; next-env.d.ts (git-ignored) is put back as it was, or removed if it did not exist.
 */
function guardGeneratedFiles(cwd: string): () => void {
  const tsconfigPath = `${cwd}/tsconfig.json`;
  const nextEnvPath = `${cwd}/next-env.d.ts`;
  const tsconfigBefore = readFileSync(tsconfigPath, "utf8");
  const nextEnvBefore = existsSync(nextEnvPath) ? readFileSync(nextEnvPath, "utf8") : null;
  return () => {
    if (nextEnvBefore === null) rmSync(nextEnvPath, { force: true });
    else if (readFileSync(nextEnvPath, "utf8") !== nextEnvBefore) writeFileSync(nextEnvPath, nextEnvBefore);

    const after = readFileSync(tsconfigPath, "utf8");
    if (after === tsconfigBefore) return;
    const a = JSON.parse(tsconfigBefore) as { include?: string[] };
    const b = JSON.parse(after) as { include?: string[] };
    const added = (b.include ?? []).filter((x) => !(a.include ?? []).includes(x));
    const onlyOurs =
      added.every((x) => x.startsWith(`${DIST_DIR}/`)) && isDeepStrictEqual({ ...b, include: (b.include ?? []).filter((x) => !added.includes(x)) }, a);
    if (onlyOurs) {
      writeFileSync(tsconfigPath, tsconfigBefore);
      console.log(`(next build added ${added.join(", ")} to tsconfig.json; the original file is restored)`);
    } else {
      console.warn("WARNING: tsconfig.json changed during the build in other ways; left as it is.");
    }
  };
}

export async function buildApp(cwd: string, env: NodeJS.ProcessEnv): Promise<void> {
  const restore = guardGeneratedFiles(cwd);
  try {
    await run("npx", ["next", "build"], { ...env, NEXT_DIST_DIR: DIST_DIR }, cwd);
  } finally {
    restore();
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const address = srv.address();
      const port = typeof address === "object" && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export interface RunningServer {
  pid: number;
  baseUrl: string;
  stop(): Promise<void>;
}

export async function startApp(cwd: string, port: number, env: NodeJS.ProcessEnv, logFile: string, nodeArgs: string[] = []): Promise<RunningServer> {
  const log = createWriteStream(logFile);
  // Its own process group, so that stop() reaches anything the server forks, and nothing else.
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", ...nodeArgs, "scripts/serve.ts"], {
    cwd,
    // No load balancer to drain from (issue 14): SIGTERM closes at once.
    env: { SHUTDOWN_DRAIN_DELAY_MS: "0", ...env, NEXT_DIST_DIR: DIST_DIR, PORT: String(port), HOSTNAME: "127.0.0.1" },
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  const pid = child.pid;
  if (!pid) throw new Error("could not start the app server");
  let exited = false;
  const exitedPromise = new Promise<void>((resolve) =>
    child.on("exit", () => {
      exited = true;
      resolve();
    }),
  );

  const stop = async () => {
    if (exited) return;
    try {
      process.kill(-pid, "SIGTERM");
    } catch {
      return;
    }
    const killed = await Promise.race([exitedPromise.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 5_000))]);
    if (!killed) {
      try {
        process.kill(-pid, "SIGKILL");
      } catch {
        /* already gone */
      }
      await exitedPromise;
    }
  };

  // Requests go to 127.0.0.1 (where it listens); the app's own URL (APP_URL, Origin) stays localhost.
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (exited) throw new Error(`the app server exited early; see ${logFile}`);
    let res: Response | undefined;
    try {
      res = await fetch(`${baseUrl}/api/health`);
    } catch {
      /* not listening yet */
    }
    if (res?.ok) return { pid, baseUrl, stop };
    if (res) {
      // Listening, but the trivial route fails: the app itself is broken; nothing to measure.
      const body = await res.text();
      await stop();
      throw new Error(`GET /api/health answered HTTP ${res.status} (${body.slice(0, 200)}); see ${logFile}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  await stop();
  throw new Error(`the app server did not answer /api/health within 60 s; see ${logFile}`);
}
