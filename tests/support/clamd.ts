// A real clamd for tests (RECIPES.md "ClamAV"): its own temp directory holding only a local EICAR body
// signature, TCP on a free port of 127.0.0.1. The EICAR string is assembled here from two halves so no file
// in the repository is "infected".
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createConnection } from "node:net";
import { freePort } from "./free-port";
import { tmpdir } from "node:os";
import path from "node:path";

export const EICAR = "X5O!P%@AP[4\\PZX54(P^)7CC)7}$" + "EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*";
export const EICAR_SIGNATURE = "Helpdesk.Test.EICAR";

export interface ClamdHandle {
  host: string;
  port: number;
  dir: string;
  stop(): Promise<void>;
  /** Starts it again on the same port (after stop), for scanner-outage tests. */
  restart(): Promise<void>;
}

/** PING → PONG over TCP; false when nothing answers. */
export function pingClamd(host: string, port: number, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host, port });
    let reply = "";
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.on("connect", () => socket.write("zPING\0"));
    socket.on("data", (d) => {
      reply += d.toString("latin1");
      if (reply.includes("\0")) done(reply.startsWith("PONG"));
    });
    socket.on("error", () => done(false));
    socket.on("close", () => done(reply.startsWith("PONG")));
  });
}

export async function startClamd(opts: { port?: number } = {}): Promise<ClamdHandle> {
  const dir = mkdtempSync(path.join(tmpdir(), "helpdesk-clamd-"));
  const db = path.join(dir, "db");
  mkdirSync(db);
  const hex = Buffer.from(EICAR, "latin1").toString("hex");
  writeFileSync(path.join(db, "helpdesk-eicar.ndb"), `${EICAR_SIGNATURE}:0:*:${hex}\n`);
  const host = "127.0.0.1";
  const port = opts.port ?? (await freePort());
  const conf = path.join(dir, "clamd.conf");
  writeFileSync(
    conf,
    [
      `DatabaseDirectory ${db}`,
      `TCPSocket ${port}`,
      `TCPAddr ${host}`,
      "Foreground yes",
      `PidFile ${path.join(dir, "clamd.pid")}`,
      "StreamMaxLength 25M",
      "MaxThreads 4",
      "SelfCheck 0",
      `LogFile ${path.join(dir, "clamd.log")}`,
      "",
    ].join("\n"),
  );

  let child: ChildProcess | null = null;
  const launch = async () => {
    // Debian installs it in /usr/sbin, which is not on every user's PATH.
    const bin = process.env.CLAMD_BIN ?? (existsSync("/usr/sbin/clamd") ? "/usr/sbin/clamd" : "clamd");
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
