// `npm run backup` (S23): one archive holding the database, the attachment store, the audit checkpoints and
// a signed manifest. The order matters for consistency: checkpoints first (none may cover an event the
// dump lacks), then the database in one snapshot, then the files (every row the dump holds finds its file;
// a file uploaded meanwhile is an unreferenced extra, harmless).
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { now } from "@/lib/clock";
import type { ObjectStorage } from "@/lib/storage";
import { writeArchive } from "./archive";
import { dumpDatabase } from "./database";
import { collectCheckpoints, collectStorage } from "./files";
import { DATABASE_PART, digestFile, FORMAT, MANIFEST, MANIFEST_SIGNATURE, signManifest, type TManifest } from "./manifest";

export interface BackupOptions {
  /** The owner's URL (MIGRATION_DATABASE_URL, else DATABASE_URL): it reads every schema. */
  databaseUrl: string;
  storage: ObjectStorage;
  checkpointDir: string;
  /** Where the archive goes (a name with the time is chosen) unless `out` names the file. */
  outDir: string;
  out?: string;
  /** age public keys; empty = not encrypted. */
  recipients: string[];
}

export async function appVersion(): Promise<string> {
  const pkg = JSON.parse(await readFile(new URL("../../../package.json", import.meta.url), "utf8")) as { version: string };
  return pkg.version;
}

/** 2026-12-01T11:22:33.456Z → 20261201T112233Z, for file names. */
export function timeStamp(d: Date): string {
  return d
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d+Z$/, "Z");
}

export async function createBackup(o: BackupOptions): Promise<{ file: string; manifest: TManifest }> {
  const createdAt = now();
  const file = path.resolve(o.out ?? path.join(o.outDir, `helpdesk-backup-${timeStamp(createdAt)}.tar${o.recipients.length ? ".age" : ""}`));
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  // Staged beside the archive (same file system, same protection), removed whatever happens.
  const staging = await mkdtemp(path.join(path.dirname(file), ".backup-staging-"));
  try {
    const checkpoints = await collectCheckpoints(o.checkpointDir, staging);
    const db = await dumpDatabase(o.databaseUrl, path.join(staging, DATABASE_PART));
    await chmod(path.join(staging, DATABASE_PART), 0o600);
    const dbPart = { path: DATABASE_PART, ...(await digestFile(path.join(staging, DATABASE_PART))) };
    const objects = await collectStorage(o.storage, staging);
    const manifest: TManifest = {
      format: FORMAT,
      createdAt: createdAt.toISOString(),
      appVersion: await appVersion(),
      schemaVersion: db.schemaVersion,
      database: { serverVersion: db.serverVersion, rowCounts: db.rowCounts },
      storage: { kind: o.storage.kind, objects: objects.length },
      encrypted: o.recipients.length > 0,
      parts: [dbPart, ...objects, ...checkpoints],
    };
    const manifestBytes = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`);
    await writeFile(path.join(staging, MANIFEST), manifestBytes, { mode: 0o600 });
    await writeFile(path.join(staging, MANIFEST_SIGNATURE), `${signManifest(manifestBytes)}\n`, { mode: 0o600 });
    await writeArchive(staging, [MANIFEST, MANIFEST_SIGNATURE, ...manifest.parts.map((p) => p.path)], file, o.recipients);
    return { file, manifest };
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}
