// Files go after the transaction that removed their rows has committed (issue 14): deleting first would
// lose bytes that a rolled-back erasure or retention run still points at. A file that cannot be deleted
// now is logged by its key (never by whose it was); the storage sweep of an operator finds it again.
import type { StoredObject } from "@/db/scoped";
import { logger } from "@/lib/logger";
import { storage } from "@/lib/storage";

export async function removeStoredObjects(objects: StoredObject[]): Promise<{ removed: number; failed: number }> {
  let failed = 0;
  for (const o of objects) {
    try {
      await storage().delete(o.area, o.key);
    } catch (error) {
      failed += 1;
      logger.error({ event: "lifecycle.file_delete_failed", area: o.area, key: o.key, err: error }, "a stored file could not be deleted");
    }
  }
  return { removed: objects.length - failed, failed };
}
