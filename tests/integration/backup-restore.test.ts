// S23 backup and restore, end to end on real PostgreSQL (pg_dump/pg_restore 15, the server's major version)
// and real files: data made through the app (organizations, tickets, comments, an upload scanned by clamd,
// audit events and signed checkpoints), backed up, the database and the files wiped, restored; then the
// same rows per table, the same file checksums, a sign-in and a download through the app, and every audit
// chain verified. A tampered archive (a byte of a part, an edited manifest, an added entry), a non-empty
// target without --force, and an age-encrypted round trip with a generated key.
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { generateIdentity, identityToRecipient } from "age-encryption";
import pg from "pg";
import * as tar from "tar";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { runMigrations } from "@/db/migrate";
import { MIGRATIONS_FOLDER } from "@/db/migrate";
import { type Checkpoint, signCheckpoint } from "@/domain/audit/checkpoints";
import { verifyAllAuditChains } from "@/domain/audit/verify-all-chains";
import { isAppError } from "@/lib/errors";
import { createLocalStorage } from "@/lib/storage/local-storage";
import { isEncrypted } from "@/ops/backup/archive";
import { createBackup } from "@/ops/backup/create-backup";
import { countRows } from "@/ops/backup/database";
import { signManifest, type TManifest } from "@/ops/backup/manifest";
import { type RestoreOptions, restoreBackup } from "@/ops/backup/restore-backup";
import { call, callJson } from "../support/api";
import * as files from "../support/attachment-files";
import { createOrg, signIn, type TestOrg } from "../support/factory";
import { createScratchDatabase, relationsIn, type ScratchDatabase } from "../support/scratch-database";
import { createTicketAs } from "../support/tickets";

// A database of this file's own: the run's shared one holds other files' deliberately broken chains, which a
// restore would rightly refuse to call verified. Set before any app module reads its configuration.
const work = mkdtempSync(path.join(tmpdir(), "helpdesk-backup-test-"));
const dirs = { storage: path.join(work, "storage"), checkpoints: path.join(work, "checkpoints"), backups: path.join(work, "backups") };
const source = await createScratchDatabase("backup_src");
await runMigrations(source.url);
process.env.DATABASE_URL = source.url;
process.env.STORAGE_DIR = dirs.storage;
process.env.AUDIT_CHECKPOINT_DIR = dirs.checkpoints;
process.env.CLAMD_HOST = inject("clamdHost");
process.env.CLAMD_PORT = String(inject("clamdPort"));

const LAST_MIGRATION = (JSON.parse(readFileSync(path.join(MIGRATIONS_FOLDER, "meta/_journal.json"), "utf8")) as { entries: { tag: string }[] }).entries.at(
  -1,
)!.tag;
const scratch: ScratchDatabase[] = [source];

let org: TestOrg;
let other: TestOrg;
let agentCookie: string;
let ticketId: string;
let attachmentId: string;
const upload = files.png();
let sourceCounts: Record<string, number>;
let sourceFiles: Record<string, string>;
let archive: string;

async function rowCounts(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await countRows(client);
  } finally {
    await client.end();
  }
}

/** storage/<area>/<key> → SHA-256 of every file under a storage directory. */
function fileChecksums(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const area of readdirSync(root).sort()) {
    for (const key of readdirSync(path.join(root, area)).sort()) {
      out[`${area}/${key}`] = createHash("sha256")
        .update(readFileSync(path.join(root, area, key)))
        .digest("hex");
    }
  }
  return out;
}

/** A new empty target: its own database, storage directory and checkpoint directory. */
async function emptyTarget(label: string): Promise<Pick<RestoreOptions, "databaseUrl" | "storage" | "checkpointDir"> & { storageDir: string }> {
  const database = await createScratchDatabase(label);
  scratch.push(database);
  const storageDir = mkdtempSync(path.join(work, `${label}-storage-`));
  return { databaseUrl: database.url, storage: createLocalStorage(storageDir), storageDir, checkpointDir: mkdtempSync(path.join(work, `${label}-cp-`)) };
}

async function refusal(p: Promise<unknown>): Promise<{ kind: string; message: string }> {
  const error = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, "the restore should have been refused").not.toBeNull();
  expect(isAppError(error), String(error)).toBe(true);
  return error as { kind: string; message: string };
}

/** Unpacks the archive, lets `edit` change the files, packs it again (what someone with the file could do). */
async function tampered(name: string, edit: (dir: string) => void): Promise<string> {
  const dir = mkdtempSync(path.join(work, `${name}-`));
  await tar.x({ file: archive, cwd: dir });
  edit(dir);
  const out = path.join(work, `${name}.tar`);
  const entries = readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)));
  await tar.c({ cwd: dir, file: out, portable: true }, entries);
  return out;
}

beforeAll(async () => {
  [org, other] = await Promise.all([createOrg("backup"), createOrg("backup-other")]);
  agentCookie = await signIn(org.agent);
  const requester = await signIn(org.requester);
  const ticket = await createTicketAs(requester, { title: "Backup me", descriptionMd: "with an attachment" });
  ticketId = ticket.id;
  const comment = await callJson("POST", `/api/tickets/${ticketId}/comments`, { cookie: agentCookie, body: { bodyMd: "Looking into it" } });
  expect(comment.status).toBe(201);
  const uploaded = await files.upload(requester, ticketId, "screen.png", upload);
  expect(uploaded.status, JSON.stringify(uploaded.body)).toBe(201);
  attachmentId = uploaded.body.id;
  await createTicketAs(await signIn(other.requester), { title: "Another tenant's ticket", descriptionMd: "x" });
  // Signed checkpoints of both chains, then more events after them: the restore checks both kinds.
  expect((await verifyAllAuditChains()).every((r) => r.ok)).toBe(true);
  await callJson("POST", `/api/tickets/${ticketId}/comments`, { cookie: agentCookie, body: { bodyMd: "After the checkpoint", internal: true } });

  sourceCounts = await rowCounts(source.url);
  sourceFiles = fileChecksums(dirs.storage);
  const made = await createBackup({
    databaseUrl: source.url,
    storage: createLocalStorage(dirs.storage),
    checkpointDir: dirs.checkpoints,
    outDir: dirs.backups,
    recipients: [],
  });
  archive = made.file;
  expect(made.manifest).toMatchObject({ schemaVersion: LAST_MIGRATION, appVersion: "0.1.0", encrypted: false, storage: { kind: "local", objects: 1 } });
  expect(made.manifest.database.rowCounts).toEqual(sourceCounts);
}, 120_000);

afterAll(async () => {
  for (const d of scratch) await d.drop();
  rmSync(work, { recursive: true, force: true });
});

describe("backup → wipe → restore (S23)", () => {
  it("brings back every row, every file and the audit trail, and the app works on it", async () => {
    expect(sourceCounts["public.tickets"]).toBe(2);
    expect(sourceCounts["public.comments"]).toBeGreaterThanOrEqual(2);
    expect(sourceCounts["public.audit_events"]).toBeGreaterThan(0);
    expect(Object.keys(sourceFiles)).toEqual([expect.stringMatching(/^clean\/[0-9a-f]{32}$/)]);

    // The machine is lost: database, attachments and checkpoints.
    await source.drop({ recreate: true });
    rmSync(dirs.storage, { recursive: true, force: true });
    rmSync(dirs.checkpoints, { recursive: true, force: true });
    expect(await relationsIn(source.url)).toEqual([]);

    const report = await restoreBackup({
      archive,
      databaseUrl: source.url,
      storage: createLocalStorage(dirs.storage),
      checkpointDir: dirs.checkpoints,
      identities: [],
      force: false,
      separateOwner: false,
    });
    expect(await rowCounts(source.url)).toEqual(sourceCounts);
    expect(fileChecksums(dirs.storage)).toEqual(sourceFiles);
    expect(report).toMatchObject({ objects: 1, checkpoints: 2 });
    expect(report.chains.map((c) => c.slug).sort()).toEqual([org.slug, other.slug].sort());
    for (const chain of report.chains) {
      expect(chain).toMatchObject({ ok: true, problem: null });
      expect(chain.checkpointSeq).toBeGreaterThan(0);
    }
    expect(report.chains.find((c) => c.slug === org.slug)!.lastSeq).toBeGreaterThan(report.chains.find((c) => c.slug === org.slug)!.checkpointSeq!);

    // The app on the restored database: a sign-in, the ticket, the attachment byte for byte, the chain.
    const cookie = await signIn(org.agent);
    const list = await callJson("GET", "/api/tickets", { cookie });
    expect(list.status).toBe(200);
    expect(JSON.stringify(list.body)).toContain(ticketId);
    const link = await callJson("GET", `/api/attachments/${attachmentId}/url`, { cookie });
    expect(link.status, JSON.stringify(link.body)).toBe(200);
    const download = await call("GET", link.body.url, { cookie });
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer()).equals(upload)).toBe(true);
    expect((await verifyAllAuditChains()).every((r) => r.ok)).toBe(true);
  });

  it("refuses a non-empty target unless --force, and with --force replaces it", async () => {
    const target = {
      archive,
      databaseUrl: source.url,
      storage: createLocalStorage(dirs.storage),
      checkpointDir: dirs.checkpoints,
      identities: [],
      separateOwner: false,
    };
    const refused = await refusal(restoreBackup({ ...target, force: false }));
    expect(refused.kind).toBe("conflict");
    expect(refused.message).toMatch(/the target is not empty: the database holds \d+ relations .*--force/);
    const before = readdirSync(dirs.checkpoints);

    const report = await restoreBackup({ ...target, force: true });
    expect(report.chains.every((c) => c.ok)).toBe(true);
    expect(await rowCounts(source.url)).toEqual(sourceCounts);
    // The checkpoints that were there are kept beside the restored ones, never deleted.
    const after = readdirSync(dirs.checkpoints);
    for (const name of before) expect(after).toContain(name);
    expect(after.filter((n) => n.includes(".before-restore-")).length).toBe(before.length);
  });
});

describe("the owner the backup was taken with (S23)", () => {
  it("is required to restore: another owner is refused before anything changes", async () => {
    // The dump's default privileges (the grants future migrations' tables get) name the old owner.
    const role = `helpdesk_other_owner_${process.pid}_${Date.now().toString(36)}`;
    const admin = new pg.Client({ connectionString: source.url });
    await admin.connect();
    const target = await emptyTarget("backup_owner");
    try {
      await admin.query(`create role ${role} login`);
      await admin.query(`alter database ${new URL(target.databaseUrl).pathname.slice(1)} owner to ${role}`);
      const asOther = new URL(target.databaseUrl);
      asOther.username = role;
      const refused = await refusal(restoreBackup({ ...target, databaseUrl: asOther.toString(), archive, identities: [], force: false, separateOwner: false }));
      expect(refused.kind).toBe("conflict");
      expect(refused.message).toMatch(new RegExp(`the backup's database was owned by postgres; restore as that role .* not as ${role}`));
      expect(await relationsIn(target.databaseUrl)).toEqual([]);
    } finally {
      await scratch.pop()!.drop();
      await admin.query(`drop role if exists ${role}`);
      await admin.end();
    }
  });
});

describe("the audit chain is verified before a restore reports success (S23)", () => {
  it("fails a restore whose database holds fewer events than a restored signed checkpoint covers", async () => {
    // A genuine, signed archive whose checkpoint was signed after the dump (what the backup's order avoids):
    // the restored chain ends before the checkpoint, as it would after losing events.
    const file = await tampered("late-checkpoint", (dir) => {
      const name = `audit-checkpoints/audit-checkpoints-${org.id}.jsonl`;
      const lines = readFileSync(path.join(dir, name), "utf8").trim().split("\n");
      const last = JSON.parse(lines.at(-1)!) as Checkpoint;
      const { signature: _, ...rest } = last;
      const later = signCheckpoint({ ...rest, seq: last.seq + 50, at: new Date().toISOString() });
      const text = Buffer.from(`${[...lines, JSON.stringify(later)].join("\n")}\n`);
      writeFileSync(path.join(dir, name), text);
      const manifest = JSON.parse(readFileSync(path.join(dir, "manifest.json"), "utf8")) as TManifest;
      const part = manifest.parts.find((p) => p.path === name)!;
      Object.assign(part, { bytes: text.length, sha256: createHash("sha256").update(text).digest("hex") });
      const bytes = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`);
      writeFileSync(path.join(dir, "manifest.json"), bytes);
      writeFileSync(path.join(dir, "manifest.sig"), signManifest(bytes));
    });
    const target = await emptyTarget("backup_chain");
    const failed = await restoreBackup({ ...target, archive: file, identities: [], force: false, separateOwner: false }).catch((e: Error) => e);
    expect(failed).toBeInstanceOf(Error);
    expect((failed as Error).message).toMatch(
      new RegExp(`restored, but 1 organization\\(s\\)' audit chain does not verify against the restored checkpoints — first ${org.slug}: truncated`),
    );
  });
});

describe("a tampered archive is refused before anything is touched (S23)", () => {
  const cases: [string, (dir: string) => void, RegExp][] = [
    [
      "one byte of the database dump",
      (dir) => {
        const f = path.join(dir, "database.dump");
        const bytes = readFileSync(f);
        bytes[Math.floor(bytes.length / 2)]! ^= 0x01;
        writeFileSync(f, bytes);
      },
      /database\.dump does not match its SHA-256 in the manifest; the archive was refused and nothing was restored/,
    ],
    [
      "one byte of an attachment",
      (dir) => {
        const area = path.join(dir, "storage", "clean");
        const f = path.join(area, readdirSync(area)[0]!);
        const bytes = readFileSync(f);
        bytes[0]! ^= 0x80;
        writeFileSync(f, bytes);
      },
      /storage\/clean\/[0-9a-f]{32} does not match its SHA-256/,
    ],
    [
      "an edited manifest (a checksum made to fit an edited part)",
      (dir) => {
        const f = path.join(dir, "database.dump");
        const bytes = readFileSync(f);
        bytes[bytes.length - 1]! ^= 0x01;
        writeFileSync(f, bytes);
        const manifest = JSON.parse(readFileSync(path.join(dir, "manifest.json"), "utf8"));
        manifest.parts[0].sha256 = createHash("sha256").update(bytes).digest("hex");
        writeFileSync(path.join(dir, "manifest.json"), `${JSON.stringify(manifest, null, 2)}\n`);
      },
      /the manifest's signature does not match: it was edited/,
    ],
    [
      "an edited manifest (the schema version)",
      (dir) => {
        const f = path.join(dir, "manifest.json");
        writeFileSync(f, readFileSync(f, "utf8").replace(LAST_MIGRATION, "0000_init"));
      },
      /the manifest's signature does not match/,
    ],
    [
      "an added file",
      (dir) => {
        mkdirSync(path.join(dir, "storage", "held"), { recursive: true });
        writeFileSync(path.join(dir, "storage", "held", "0123456789abcdef0123456789abcdef"), "planted");
      },
      /the archive holds parts the manifest does not list \(storage\/held\/0123456789abcdef0123456789abcdef\)/,
    ],
  ];

  it("names what does not match, exits with an error and leaves the target empty", async () => {
    const target = await emptyTarget("backup_tamper");
    for (const [name, edit, message] of cases) {
      const file = await tampered(name.replace(/\W+/g, "-"), edit);
      const refused = await refusal(restoreBackup({ ...target, archive: file, identities: [], force: true, separateOwner: false }));
      expect(refused.kind, name).toBe("invalid");
      expect(refused.message, name).toMatch(message);
    }
    expect(await relationsIn(target.databaseUrl)).toEqual([]);
    expect(readdirSync(target.storageDir)).toEqual([]);
    expect(readdirSync(target.checkpointDir)).toEqual([]);
  });

  it("refuses, untouched, a genuine archive of a newer version of the app (a schema it does not know)", async () => {
    const target = await emptyTarget("backup_newer");
    const file = await tampered("newer", (dir) => {
      const f = path.join(dir, "manifest.json");
      const bytes = Buffer.from(readFileSync(f, "utf8").replace(LAST_MIGRATION, "9999_from_the_future"));
      writeFileSync(f, bytes);
      writeFileSync(path.join(dir, "manifest.sig"), signManifest(bytes)); // signed with the right key
    });
    const refused = await refusal(restoreBackup({ ...target, archive: file, identities: [], force: false, separateOwner: false }));
    expect(refused.message).toMatch(/comes from a newer version of the app \(schema 9999_from_the_future\)/);
    expect(await relationsIn(target.databaseUrl)).toEqual([]);
  });
});

describe("an archive encrypted to an age public key (S23)", () => {
  it("cannot be read without the identity, and restores with it", async () => {
    const identity = await generateIdentity();
    const made = await createBackup({
      databaseUrl: source.url,
      storage: createLocalStorage(dirs.storage),
      checkpointDir: dirs.checkpoints,
      outDir: dirs.backups,
      recipients: [await identityToRecipient(identity)],
    });
    expect(made.file).toMatch(/\.tar\.age$/);
    expect(await isEncrypted(made.file)).toBe(true);
    const bytes = readFileSync(made.file);
    expect(bytes.includes("manifest.json")).toBe(false);
    expect(bytes.includes(upload.subarray(0, 32))).toBe(false);

    const target = await emptyTarget("backup_age");
    const options = { ...target, archive: made.file, force: false, separateOwner: false };
    expect((await refusal(restoreBackup({ ...options, identities: [] }))).message).toMatch(/the archive is encrypted: give its age identity/);
    const wrong = await refusal(restoreBackup({ ...options, identities: [await generateIdentity()] }));
    expect(wrong.message).toMatch(/cannot be decrypted with the given identity/);
    const flipped = path.join(work, "flipped.tar.age");
    bytes[bytes.length - 100]! ^= 0x01;
    writeFileSync(flipped, bytes);
    expect((await refusal(restoreBackup({ ...options, archive: flipped, identities: [identity] }))).message).toMatch(/damaged/);
    expect(await relationsIn(target.databaseUrl)).toEqual([]);

    const report = await restoreBackup({ ...options, identities: [identity] });
    expect(report.manifest.encrypted).toBe(true);
    expect(report.chains.length).toBe(2);
    expect(report.chains.every((c) => c.ok)).toBe(true);
    expect(await rowCounts(target.databaseUrl)).toEqual(made.manifest.database.rowCounts);
    expect(fileChecksums(target.storageDir)).toEqual(sourceFiles);
  });
});
