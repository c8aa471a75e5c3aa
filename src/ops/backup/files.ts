// The file parts of a backup (S23): the attachment store through its own interface (local directory or
// S3 bucket, whichever the app uses) and the signed audit checkpoints from AUDIT_CHECKPOINT_DIR.
import { createHash } from "node:crypto";
import { copyFile, mkdir, readdir, readFile, rename, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { STORAGE_AREAS, type ObjectStorage, type StorageArea } from "@/lib/storage";
import type { TManifestPart } from "./manifest";
import { digestFile } from "./manifest";

/** Copies every object of every area into `staging/storage/<area>/<key>`; returns the parts. */
export async function collectStorage(storage: ObjectStorage, staging: string): Promise<TManifestPart[]> {
  const parts: TManifestPart[] = [];
  for (const area of STORAGE_AREAS) {
    const dir = path.join(staging, "storage", area);
    await mkdir(dir, { recursive: true, mode: 0o700 });
    for await (const key of storage.list(area)) {
      const bytes = await storage.get(area, key);
      if (!bytes) continue; // removed since it was listed (a scan moved it): the next area or backup has it
      await writeFile(path.join(dir, key), bytes, { mode: 0o600 });
      parts.push({ path: `storage/${area}/${key}`, bytes: bytes.length, sha256: createHash("sha256").update(bytes).digest("hex") });
    }
  }
  return parts;
}

export async function storageIsEmpty(storage: ObjectStorage): Promise<boolean> {
  for (const area of STORAGE_AREAS) for await (const _ of storage.list(area)) return false;
  return true;
}

/** Puts the archived objects back under their keys (an existing object with the same key is replaced). */
export async function restoreStorage(storage: ObjectStorage, staging: string, parts: TManifestPart[]): Promise<number> {
  let n = 0;
  for (const part of parts) {
    const [top, area, key] = part.path.split("/");
    if (top !== "storage") continue;
    await storage.put(area as StorageArea, key!, await readFile(path.join(staging, part.path)));
    n++;
  }
  return n;
}

async function regularFiles(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(dir, { withFileTypes: true });
    return entries
      .filter((e) => e.isFile() && /^[A-Za-z0-9][A-Za-z0-9._-]{0,200}$/.test(e.name))
      .map((e) => e.name)
      .sort();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw e;
  }
}

/**
 * Copies the checkpoint files. Taken BEFORE the database is dumped: a checkpoint signed after the dump's
 * snapshot would cover events the dump does not hold, and the restored chain would look truncated.
 */
export async function collectCheckpoints(checkpointDir: string, staging: string): Promise<TManifestPart[]> {
  const dir = path.join(staging, "audit-checkpoints");
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const parts: TManifestPart[] = [];
  for (const name of await regularFiles(checkpointDir)) {
    // Whole lines only: a checkpoint being appended right now is left to the next backup.
    const text = await readFile(path.join(checkpointDir, name));
    await writeFile(path.join(dir, name), text.subarray(0, text.lastIndexOf(0x0a) + 1), { mode: 0o600 });
    parts.push({ path: `audit-checkpoints/${name}`, ...(await digestFile(path.join(dir, name))) });
  }
  return parts;
}

export async function checkpointDirIsEmpty(checkpointDir: string): Promise<boolean> {
  return (await regularFiles(checkpointDir)).length === 0;
}

/**
 * Writes the archived checkpoint files into `checkpointDir`. With --force an existing file of the same
 * name is kept beside it (`<name>.before-restore-<time>`), never deleted: checkpoints are evidence.
 */
export async function restoreCheckpoints(checkpointDir: string, staging: string, parts: TManifestPart[], stamp: string): Promise<number> {
  await mkdir(checkpointDir, { recursive: true, mode: 0o700 });
  let n = 0;
  for (const part of parts) {
    if (!part.path.startsWith("audit-checkpoints/")) continue;
    const target = path.join(checkpointDir, path.basename(part.path));
    const existing = await stat(target).catch(() => null);
    if (existing) await rename(target, `${target}.before-restore-${stamp}`);
    await copyFile(path.join(staging, part.path), target);
    n++;
  }
  return n;
}
