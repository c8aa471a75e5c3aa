// Running a clamd of our own on this machine (RECIPES.md "ClamAV"): shared by the test setup and by
// `npm start` (scripts/local-clamd.ts, issue 11). Finding the binary, a minimal config, PING/PONG, and the
// EICAR-only signature that lets clamd start where no virus database could be downloaded. The EICAR
// string is assembled from two halves so that no file in the repository is "infected".
import { existsSync, readdirSync, writeFileSync } from "node:fs";
import { createConnection } from "node:net";
import path from "node:path";

export const EICAR = "X5O!P%@AP[4\\PZX54(P^)7CC)7}$" + "EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*";
export const EICAR_SIGNATURE = "Helpdesk.Test.EICAR";

/** Writes a body signature (.ndb) that matches the EICAR test file anywhere in a stream. */
export function writeEicarSignature(databaseDir: string): void {
  const hex = Buffer.from(EICAR, "latin1").toString("hex");
  writeFileSync(path.join(databaseDir, "helpdesk-eicar.ndb"), `${EICAR_SIGNATURE}:0:*:${hex}\n`);
}

/** True when the folder holds a virus database clamd can load (official .cvd/.cld or local signatures). */
export function hasSignatures(databaseDir: string): boolean {
  try {
    return readdirSync(databaseDir).some((f) => /\.(cvd|cld|cud|ndb|hdb|hsb|ldb|mdb)$/.test(f));
  } catch {
    return false;
  }
}

/** clamd's path: CLAMD_BIN, Debian's /usr/sbin (not on every user's PATH), or the PATH; null when absent. */
export function findClamdBinary(envBin = process.env.CLAMD_BIN): string | null {
  if (envBin) return existsSync(envBin) ? envBin : null;
  if (existsSync("/usr/sbin/clamd")) return "/usr/sbin/clamd";
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    if (dir && existsSync(path.join(dir, "clamd"))) return path.join(dir, "clamd");
  }
  return null;
}

/** A minimal foreground clamd.conf on 127.0.0.1 (run as root: no User line). */
export function writeClamdConfig(file: string, opts: { databaseDir: string; host: string; port: number; dir: string }): void {
  writeFileSync(
    file,
    [
      `DatabaseDirectory ${opts.databaseDir}`,
      `TCPSocket ${opts.port}`,
      `TCPAddr ${opts.host}`,
      "Foreground yes",
      `PidFile ${path.join(opts.dir, "clamd.pid")}`,
      "StreamMaxLength 25M",
      "MaxThreads 4",
      "SelfCheck 0",
      `LogFile ${path.join(opts.dir, "clamd.log")}`,
      "",
    ].join("\n"),
  );
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
