// Local disk storage: a private directory outside the web root (STORAGE_DIR, default .data/storage),
// one sub-directory per area, owner-only permissions. Writes go to a temp name and are renamed into
// place, so a half-written file is never visible under its key.
import { randomBytes } from "node:crypto";
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { assertStorageKey, isStorageKey, type ObjectStorage, type StorageArea } from "./storage";

export function createLocalStorage(root: string): ObjectStorage {
  const base = path.resolve(root);
  const ready = new Map<StorageArea, Promise<unknown>>();
  const dir = async (area: StorageArea) => {
    const d = path.join(base, area);
    if (!ready.has(area)) ready.set(area, mkdir(d, { recursive: true, mode: 0o700 }));
    await ready.get(area);
    return d;
  };
  const file = async (area: StorageArea, key: string) => {
    assertStorageKey(key);
    return path.join(await dir(area), key);
  };

  return {
    kind: "local",
    async put(area, key, data) {
      const target = await file(area, key);
      const tmp = `${target}.${randomBytes(6).toString("hex")}.tmp`;
      await writeFile(tmp, data, { mode: 0o600, flag: "wx" });
      await rename(tmp, target);
    },
    async get(area, key) {
      try {
        return await readFile(await file(area, key));
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === "ENOENT") return null;
        throw e;
      }
    },
    async exists(area, key) {
      try {
        await stat(await file(area, key));
        return true;
      } catch {
        return false;
      }
    },
    async move(from, to, key) {
      // Same file system: rename is atomic, the object is never in two areas or none.
      await rename(await file(from, key), await file(to, key));
    },
    async delete(area, key) {
      await rm(await file(area, key), { force: true });
    },
    async *list(area) {
      // Temp files of writes in progress (<key>.<random>.tmp) are not objects yet.
      for (const name of (await readdir(await dir(area))).sort()) if (isStorageKey(name)) yield name;
    },
  };
}
