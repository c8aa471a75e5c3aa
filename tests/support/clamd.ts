// A real clamd for tests (RECIPES.md "ClamAV"): its own temp directory holding only a local EICAR body
// signature (src/lib/scanner/local-clamd.ts, shared with `npm start`), TCP on a free port of 127.0.0.1.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { EICAR, EICAR_SIGNATURE, findClamdBinary, pingClamd, writeClamdConfig, writeEicarSignature } from "@/lib/scanner/local-clamd";
import { freePort } from "./free-port";

export { EICAR, EICAR_SIGNATURE, pingClamd };

export interface ClamdHandle {
  host: string;
  port: number;
  dir: string;
  stop(): Promise<void>;
  /** Starts it again on the same port (after stop), for scanner-outage tests. */
  restart(): Promise<void>;
}

export async function startClamd(opts: { port?: number } = {}): Promise<ClamdHandle> {
  const dir = mkdtempSync(path.join(tmpdir(), "helpdesk-clamd-"));
  const db = path.join(dir, "db");
  mkdirSync(db);
  writeEicarSignature(db);
  const host = "127.0.0.1";
  const port = opts.port ?? (await freePort());
  const conf = path.join(dir, "clamd.conf");
  writeClamdConfig(conf, { databaseDir: db, host, port, dir });

  let child: ChildProcess | null = null;
  const launch = async () => {
    const bin = findClamdBinary() ?? "clamd";
    const proc = spawn(bin, [`--config-file=${conf}`], { stdio: "ignore" });
    child = proc;
    let failed: Error | null = null;
    proc.on("error", (e) => (failed = e));
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      if (failed) throw new Error(`clamd did not start (is clamav-daemon installed?): ${(failed as Error).message}`);
      if (proc.exitCode !== null) throw new Error(`clamd exited with ${proc.exitCode}; see ${dir}/clamd.log`);
      if (await pingClamd(host, port, 500)) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error("clamd did not answer PING in time");
  };
  const stop = async () => {
    const proc = child;
    child = null;
    if (!proc || proc.exitCode !== null) return;
    const exited = new Promise((r) => proc.once("exit", r));
    proc.kill("SIGTERM");
    await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
    if (proc.exitCode === null) proc.kill("SIGKILL");
    // Wait until the port no longer answers, so an "outage" is real when stop() returns.
    for (let i = 0; i < 50 && (await pingClamd(host, port, 200)); i++) await new Promise((r) => setTimeout(r, 100));
  };

  await launch();
  return {
    host,
    port,
    dir,
    stop,
    restart: launch,
  };
}

export async function stopAndClean(handle: ClamdHandle): Promise<void> {
  await handle.stop();
  rmSync(handle.dir, { recursive: true, force: true });
}
