// npm run restore -- ARCHIVE [--force] [--identity-file FILE] — checks every part of the archive against the
// signed manifest before touching anything, refuses a non-empty target unless --force, restores the
// database and the files, runs the migrations up and verifies every organization's audit chain against
// the restored checkpoints (S23). Stop the app and the worker first. Exit 0 only when all of that passed.
import { parseArgs } from "node:util";
import { env } from "../src/lib/env";
import { storage } from "../src/lib/storage";
import { identitiesFrom } from "../src/ops/backup/age-keys";
import { restoreBackup } from "../src/ops/backup/restore-backup";

try {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { force: { type: "boolean", default: false }, "identity-file": { type: "string" } },
  });
  if (positionals.length !== 1) throw new Error("usage: npm run restore -- ARCHIVE [--force] [--identity-file FILE]");
  const e = env();
  const report = await restoreBackup({
    archive: positionals[0]!,
    databaseUrl: e.MIGRATION_DATABASE_URL || e.DATABASE_URL,
    storage: storage(),
    checkpointDir: e.AUDIT_CHECKPOINT_DIR,
    identities: await identitiesFrom(values["identity-file"], e.BACKUP_AGE_IDENTITY),
    force: values.force,
    separateOwner: Boolean(e.MIGRATION_DATABASE_URL),
  });
  for (const c of report.chains) console.log(JSON.stringify({ slug: c.slug, ok: c.ok, checkedEvents: c.checkedEvents, checkpointSeq: c.checkpointSeq }));
  console.log(
    JSON.stringify({
      restored: true,
      createdAt: report.manifest.createdAt,
      schemaVersion: report.manifest.schemaVersion,
      storageObjects: report.objects,
      checkpointFiles: report.checkpoints,
      organizations: report.chains.length,
    }),
  );
  process.exit(0);
} catch (err) {
  console.error(`restore failed: ${(err as Error).message}`);
  process.exit(1);
}
