// `npm start` and the virus scanner (S11, issue 11): uploads are scanned by clamd before anyone can
// download them. This finds one, starts one, or says plainly that uploads will wait:
//  - a clamd already answers at CLAMD_HOST:CLAMD_PORT: use it;
//  - otherwise, with clamd installed (Debian: clamav-daemon) and the scanner address on this machine,
//    start it under .data/clamd with the virus database of CLAMD_DATABASE_DIR (default /var/lib/clamav,
//    filled by freshclam). Without any database, outside production, it starts with the EICAR test
//    signature only, and says so: files are then checked against that one test signature, nothing more;
//  - otherwise uploads are accepted, held as "waiting for the virus scan", and never served until a
//    scanner checks them (the worker retries every minute).
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { findClamdBinary, hasSignatures, pingClamd, writeClamdConfig, writeEicarSignature } from "../src/lib/scanner/local-clamd";

const WAIT = "Uploads will be received but wait for the virus scan: nobody can download them until a scanner has checked them.";
const LOOPBACK = new Set(["127.0.0.1", "localhost", "::1"]);

export interface LocalScanner {
  stop(): void;
}

export async function ensureVirusScanner(env: NodeJS.ProcessEnv, production: boolean, log = console.log): Promise<LocalScanner | undefined> {
  const host = env.CLAMD_HOST || "127.0.0.1";
  const port = Number(env.CLAMD_PORT || 3310);
  if (await pingClamd(host, port)) {
    log(`Virus scanner: clamd at ${host}:${port}.`);
    return undefined;
  }
  if (!LOOPBACK.has(host)) {
    log(`Virus scanner: clamd at ${host}:${port} does not answer. ${WAIT}`);
    return undefined;
  }
  const bin = findClamdBinary(env.CLAMD_BIN);
  if (!bin) {
    log(`Virus scanner: clamd is not installed${env.CLAMD_BIN ? ` at CLAMD_BIN=${env.CLAMD_BIN}` : " (Debian: apt-get install clamav-daemon)"}. ${WAIT}`);
    return undefined;
  }

  const dir = path.resolve(".data/clamd");
  mkdirSync(dir, { recursive: true });
  let databaseDir = env.CLAMD_DATABASE_DIR || "/var/lib/clamav";
  let note = `with the virus database in ${databaseDir}`;
  if (!hasSignatures(databaseDir)) {
    if (production) {
      log(`Virus scanner: clamd is installed but ${databaseDir} holds no virus database (run freshclam). ${WAIT}`);
      return undefined;
    }
    databaseDir = path.join(dir, "test-db");
    mkdirSync(databaseDir, { recursive: true });
    writeEicarSignature(databaseDir);
    note =
      "with ONLY the EICAR test signature, because no virus database was found (run freshclam, or set CLAMD_DATABASE_DIR): files are not really checked for malware";
  }
  const conf = path.join(dir, "clamd.conf");
  writeClamdConfig(conf, { databaseDir, host: "127.0.0.1", port, dir });

  const child: ChildProcess = spawn(bin, [`--config-file=${conf}`], { stdio: "ignore" });
  let exited = false;
  child.on("error", (e) => {
    exited = true;
    log(`Virus scanner: clamd could not start (${e.message}). ${WAIT}`);
  });
  child.on("exit", (code) => {
    if (exited) return;
    exited = true;
    log(`Virus scanner: clamd stopped (exit ${code}; see ${dir}/clamd.log). ${WAIT}`);
  });
  log(`Virus scanner: starting clamd on 127.0.0.1:${port} ${note}. Until it answers, uploads wait for the scan.`);
  // A full database takes a while to load; the app does not wait for it (uploads meanwhile are held and
  // scanned by the worker's retry once clamd answers).
  void (async () => {
    for (let i = 0; i < 240 && !exited; i++) {
      if (await pingClamd("127.0.0.1", port, 500)) return log(`Virus scanner: clamd is ready on 127.0.0.1:${port}.`);
      await new Promise((r) => setTimeout(r, 500));
    }
  })();
  return {
    stop: () => {
      if (exited) return;
      exited = true;
      child.kill("SIGTERM");
    },
  };
}
