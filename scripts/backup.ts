// npm run backup [-- --out FILE] [--recipient age1…] — one archive of the database (pg_dump, custom format),
// the attachment store, the audit checkpoints and a signed manifest with the SHA-256 of every part (S23).
// Encrypted to BACKUP_AGE_RECIPIENT / --recipient when given. Prints one JSON line; exit 1 on failure.
import { parseArgs } from "node:util";
import { env } from "../src/lib/env";
import { storage } from "../src/lib/storage";
import { parseRecipients } from "../src/ops/backup/age-keys";
import { createBackup } from "../src/ops/backup/create-backup";

try {
  const { values } = parseArgs({ options: { out: { type: "string" }, recipient: { type: "string", multiple: true } } });
  const e = env();
  const recipients = parseRecipients(values.recipient?.join(",") ?? e.BACKUP_AGE_RECIPIENT);
  const { file, manifest } = await createBackup({
    databaseUrl: e.MIGRATION_DATABASE_URL || e.DATABASE_URL,
    storage: storage(),
    checkpointDir: e.AUDIT_CHECKPOINT_DIR,
    outDir: e.BACKUP_DIR,
    out: values.out,
    recipients,
  });
  console.log(
    JSON.stringify({
      file,
      createdAt: manifest.createdAt,
      schemaVersion: manifest.schemaVersion,
      encrypted: manifest.encrypted,
      parts: manifest.parts.length,
      storageObjects: manifest.storage.objects,
      bytes: manifest.parts.reduce((n, p) => n + p.bytes, 0),
    }),
  );
  process.exit(0);
} catch (err) {
  console.error(`backup failed: ${(err as Error).message}`);
  process.exit(1);
}
