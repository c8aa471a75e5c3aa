// The archive's table of contents (S23): every part with its size and SHA-256, the schema version, the
// app version and when it was made. The manifest itself is signed (HMAC-SHA256) with a key derived from
// the audit signing secret, so a manifest edited to match an edited part is refused as well: whoever can
// write to the backup host still cannot produce an archive that restores.
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { createReadStream } from "node:fs";
import { z } from "zod";
import { derivedKey } from "@/lib/derived-key";
import { env } from "@/lib/env";

export const MANIFEST = "manifest.json";
export const MANIFEST_SIGNATURE = "manifest.sig";
export const DATABASE_PART = "database.dump";
export const FORMAT = "helpdesk-backup/1";

/** The only paths a part may have: the dump, a storage object under its random key, a checkpoint file. */
const PART_PATH = /^(database\.dump|storage\/(held|clean|quarantine|exports)\/[0-9a-f]{32}|audit-checkpoints\/[A-Za-z0-9][A-Za-z0-9._-]{0,200})$/;

export function isPartPath(p: string): boolean {
  return PART_PATH.test(p);
}

export const ZManifest = z.object({
  format: z.literal(FORMAT),
  createdAt: z.iso.datetime(),
  appVersion: z.string().min(1),
  /** The last applied migration (its journal tag), null on a database no migration has touched. */
  schemaVersion: z.string().nullable(),
  database: z.object({
    serverVersion: z.string(),
    /** Rows per table in the dump's snapshot ("schema.table"); a restore must end with the same counts. */
    rowCounts: z.record(z.string(), z.number().int().nonnegative()),
  }),
  storage: z.object({ kind: z.enum(["local", "s3"]), objects: z.number().int().nonnegative() }),
  encrypted: z.boolean(),
  parts: z.array(z.object({ path: z.string().regex(PART_PATH), bytes: z.number().int().nonnegative(), sha256: z.string().regex(/^[0-9a-f]{64}$/) })),
});
export type TManifest = z.infer<typeof ZManifest>;
export type TManifestPart = TManifest["parts"][number];

/** AUDIT_SIGNING_KEY when set (production), else the auth secret: the secret the checkpoints already need. */
function manifestKey(): Buffer {
  const e = env();
  if (e.AUDIT_SIGNING_KEY) return createHash("sha256").update(`helpdesk-backup-manifest:${e.AUDIT_SIGNING_KEY}`).digest();
  return derivedKey("backup-manifest");
}

export function signManifest(manifestBytes: Buffer): string {
  return createHmac("sha256", manifestKey()).update(manifestBytes).digest("hex");
}

export function manifestSignatureValid(manifestBytes: Buffer, signature: string): boolean {
  const expected = Buffer.from(signManifest(manifestBytes), "hex");
  const given = Buffer.from(signature.trim(), "hex");
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** SHA-256 and size of a file, streamed (a dump or an attachment may be large). */
export async function digestFile(file: string): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash("sha256");
  let bytes = 0;
  for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    bytes += chunk.length;
  }
  return { sha256: hash.digest("hex"), bytes };
}
