// A real clamd for the run (RECIPES.md "ClamAV"): temp dir, local EICAR .ndb signature, TCP on a free port,
// PING/PONG before tests start, stopped at the end. Also a private temp storage directory for uploads.
// Workers get both through inject(); the e2e server (started after this) through process.env.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { startClamd, stopAndClean } from "../support/clamd";

declare module "vitest" {
  export interface ProvidedContext {
    clamdHost: string;
    clamdPort: number;
    storageDir: string;
  }
}

export default async function setup(project: TestProject) {
  const clamd = await startClamd();
  const storageDir = mkdtempSync(path.join(tmpdir(), "helpdesk-storage-"));
  project.provide("clamdHost", clamd.host);
  project.provide("clamdPort", clamd.port);
  project.provide("storageDir", storageDir);
  process.env.CLAMD_HOST = clamd.host;
  process.env.CLAMD_PORT = String(clamd.port);
  process.env.STORAGE_DIR = storageDir;
  return async () => {
    await stopAndClean(clamd);
    rmSync(storageDir, { recursive: true, force: true });
  };
}
