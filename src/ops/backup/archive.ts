// One archive file (S23): a tar of the staging directory, optionally encrypted to age public keys
// (`age-encryption`) so that the host that keeps backups cannot read them. age authenticates every
// chunk: an encrypted archive changed by even one byte fails to decrypt. Both directions stream, so an
// archive is never held in memory.
import { createReadStream, createWriteStream } from "node:fs";
import { open, rename, rm } from "node:fs/promises";
import { Readable } from "node:stream";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { pipeline } from "node:stream/promises";
import { Decrypter, Encrypter } from "age-encryption";
import * as tar from "tar";
import { Invalid } from "@/lib/errors";
import { isPartPath, MANIFEST, MANIFEST_SIGNATURE } from "./manifest";

const AGE_MAGIC = "age-encryption.org/v1\n";
const ARCHIVE_DIRS = /^(storage(\/(held|clean|quarantine|exports))?|audit-checkpoints)\/?$/;

function toWeb(stream: Readable): ReadableStream<Uint8Array> {
  return Readable.toWeb(stream) as unknown as ReadableStream<Uint8Array>;
}
function fromWeb(stream: ReadableStream<Uint8Array>): Readable {
  return Readable.fromWeb(stream as unknown as WebReadableStream<Uint8Array>);
}

/** Writes `files` (paths under `staging`) as one tar to `out`, encrypted when recipients are given. */
export async function writeArchive(staging: string, files: string[], out: string, recipients: string[]): Promise<void> {
  const partial = `${out}.partial`;
  try {
    let source: Readable = Readable.from(tar.c({ cwd: staging, portable: true }, files));
    if (recipients.length > 0) {
      const e = new Encrypter();
      for (const r of recipients) e.addRecipient(r);
      source = fromWeb(await e.encrypt(toWeb(source)));
    }
    await pipeline(source, createWriteStream(partial, { mode: 0o600, flags: "wx" }));
    await rename(partial, out); // never a half-written archive under the final name
  } catch (e) {
    await rm(partial, { force: true });
    throw e;
  }
}

export async function isEncrypted(file: string): Promise<boolean> {
  const handle = await open(file, "r");
  try {
    const head = Buffer.alloc(AGE_MAGIC.length);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    return bytesRead === head.length && head.toString("latin1") === AGE_MAGIC;
  } finally {
    await handle.close();
  }
}

/**
 * Unpacks the archive into `staging` (decrypting with `identities` when it is encrypted). Only regular
 * files under the paths a backup writes are extracted; anything else (a link, a device, another path) is
 * named in `unexpected` and makes the restore refuse the archive.
 */
export async function readArchive(file: string, staging: string, identities: string[]): Promise<{ encrypted: boolean; unexpected: string[] }> {
  const encrypted = await isEncrypted(file);
  let source: Readable = createReadStream(file);
  if (encrypted) {
    if (identities.length === 0) throw Invalid("the archive is encrypted: give its age identity with --identity-file or BACKUP_AGE_IDENTITY");
    const d = new Decrypter();
    for (const i of identities) d.addIdentity(i);
    try {
      source = fromWeb(await d.decrypt(toWeb(source)));
    } catch (e) {
      throw Invalid(`the archive cannot be decrypted with the given identity (${(e as Error).message})`);
    }
  }
  const unexpected: string[] = [];
  const unpack = tar.x({
    cwd: staging,
    strict: true,
    preserveOwner: false,
    filter: (p, entry) => {
      const type = "type" in entry ? entry.type : entry.isDirectory() ? "Directory" : "File";
      const ok = type === "Directory" ? ARCHIVE_DIRS.test(p) : type === "File" && (p === MANIFEST || p === MANIFEST_SIGNATURE || isPartPath(p));
      if (!ok) unexpected.push(`${p} (${type})`);
      return ok;
    },
  });
  try {
    await pipeline(source, unpack as unknown as NodeJS.WritableStream);
  } catch (e) {
    throw Invalid(`the archive is damaged and was not restored (${(e as Error).message})`);
  }
  return { encrypted, unexpected };
}
