// `npm run restore ARCHIVE` (S23). Nothing is touched until the whole archive has been read and every part
// matched its checksum in the signed manifest, and the target is known to be empty (or --force). Then: the
// database (one transaction), its row counts against the manifest, the files, the checkpoints, the
// migrations up, and every organization's audit chain verified against the restored checkpoints.
import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { drizzle } from "drizzle-orm/node-postgres";
import pg from "pg";
import type { Database } from "@/db/client";
import * as schema from "@/db/schema";
import { FileCheckpointStore } from "@/domain/audit/checkpoints";
import { verifyAllAuditChainsIn } from "@/domain/audit/verify-all-chains";
import { now } from "@/lib/clock";
import { Conflict, Invalid } from "@/lib/errors";
import type { ObjectStorage } from "@/lib/storage";
import { migrateUp } from "../migrate-up";
import { readArchive } from "./archive";
import { timeStamp } from "./create-backup";
import { existingRelations, knownSchemaVersion, restoreDatabase, restoredRowCounts } from "./database";
import { checkpointDirIsEmpty, restoreCheckpoints, restoreStorage, storageIsEmpty } from "./files";
import { DATABASE_PART, type TManifest } from "./manifest";
import { verifyUnpackedArchive } from "./verify-archive";

export interface RestoreOptions {
  archive: string;
  /** The owner's URL (MIGRATION_DATABASE_URL, else DATABASE_URL) of the target database. */
  databaseUrl: string;
  storage: ObjectStorage;
  checkpointDir: string;
  /** age identities (AGE-SECRET-KEY-1…) for an encrypted archive. */
  identities: string[];
  /** Replace what the target database, store and checkpoint directory already hold. */
  force: boolean;
  /** The app logs in with its own role (MIGRATION_DATABASE_URL set): install pg-boss's schema as migrate does. */
  separateOwner: boolean;
  /** Where the archive is unpacked (the system's temp directory by default). */
  workDir?: string;
}

export interface RestoreReport {
  manifest: TManifest;
  objects: number;
  checkpoints: number;
  chains: Awaited<ReturnType<typeof verifyAllAuditChainsIn>>;
}

async function assertTargetEmpty(o: RestoreOptions): Promise<void> {
  const [relations, storeEmpty, checkpointsEmpty] = await Promise.all([
    existingRelations(o.databaseUrl),
    storageIsEmpty(o.storage),
    checkpointDirIsEmpty(o.checkpointDir),
  ]);
  const busy: string[] = [];
  if (relations.length > 0) busy.push(`the database holds ${relations.length} relations (e.g. ${relations.slice(0, 3).join(", ")})`);
  if (!storeEmpty) busy.push(`the attachment store (${o.storage.kind}) holds objects`);
  if (!checkpointsEmpty) busy.push(`${o.checkpointDir} holds checkpoint files`);
  if (busy.length > 0 && !o.force) {
    throw Conflict(`the target is not empty: ${busy.join("; ")}. Restore into an empty database and store, or pass --force to replace them`);
  }
}

function countDifferences(expected: Record<string, number>, actual: Record<string, number>): string[] {
  const names = new Set([...Object.keys(expected), ...Object.keys(actual)]);
  return [...names].filter((n) => expected[n] !== actual[n]).map((n) => `${n}: ${expected[n] ?? "absent"} in the backup, ${actual[n] ?? "absent"} restored`);
}

async function verifyChains(databaseUrl: string, checkpointDir: string) {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2, application_name: "helpdesk-restore" });
  try {
    return await verifyAllAuditChainsIn(drizzle(pool, { schema }) as Database, new FileCheckpointStore(checkpointDir));
  } finally {
    await pool.end();
  }
}

export async function restoreBackup(o: RestoreOptions): Promise<RestoreReport> {
  if (!(await stat(o.archive).catch(() => null))?.isFile()) throw Invalid(`no archive at ${o.archive}`);
  const staging = await mkdtemp(path.join(o.workDir ?? tmpdir(), "helpdesk-restore-"));
  try {
    const { unexpected } = await readArchive(o.archive, staging, o.identities);
    const manifest = await verifyUnpackedArchive(staging, unexpected);
    if (!(await knownSchemaVersion(manifest.schemaVersion))) {
      throw Invalid(`the archive comes from a newer version of the app (schema ${manifest.schemaVersion}); restore it with that version or a later one`);
    }
    await assertTargetEmpty(o);

    await restoreDatabase(o.databaseUrl, path.join(staging, DATABASE_PART), { force: o.force });
    const differences = countDifferences(manifest.database.rowCounts, await restoredRowCounts(o.databaseUrl));
    if (differences.length > 0) throw new Error(`the restored database does not hold what the backup did: ${differences.slice(0, 5).join("; ")}`);
    const objects = await restoreStorage(o.storage, staging, manifest.parts);
    const checkpoints = await restoreCheckpoints(o.checkpointDir, staging, manifest.parts, timeStamp(now()));
    await migrateUp(o.databaseUrl, { separateOwner: o.separateOwner });

    const chains = await verifyChains(o.databaseUrl, o.checkpointDir);
    const broken = chains.filter((c) => !c.ok);
    if (broken.length > 0) {
      const first = broken[0]!;
      throw new Error(
        `restored, but ${broken.length} organization(s)' audit chain does not verify against the restored checkpoints — first ${first.slug}: ${first.problem?.kind} at event ${first.problem?.seq} (${first.problem?.detail}). Do not put this database into service before this is explained.`,
      );
    }
    return { manifest, objects, checkpoints, chains };
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}
