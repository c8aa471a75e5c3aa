// Signed checkpoints of each organization's chain head, kept OUTSIDE the database (S12): someone who can
// rewrite the whole table — and recompute every hash — still cannot produce a head that matches a
// checkpoint signed with the server key. Stored as one JSON line per checkpoint in a directory (mount
// it from separate, append-only storage in production; the store is an interface for an object store).
import { createHmac, timingSafeEqual } from "node:crypto";
import { appendFile, mkdir, readFile } from "node:fs/promises";
import path from "node:path";
import { derivedKey } from "@/lib/derived-key";
import { env } from "@/lib/env";
import { canonicalJson } from "@/db/audit-chain/hash";

export interface Checkpoint {
  organizationId: string;
  seq: number;
  hash: string;
  at: string;
  /** When the event at `seq` was written; the verifier's retention-window test uses it (issue 9 item 3). */
  eventAt?: string;
  signature: string;
}

export interface CheckpointStore {
  append(checkpoint: Checkpoint): Promise<void>;
  latest(organizationId: string): Promise<Checkpoint | null>;
}

/** AUDIT_SIGNING_KEY, or (outside production) a key derived from the auth secret. */
function signingKey(): Buffer {
  const e = env();
  if (e.AUDIT_SIGNING_KEY) return Buffer.from(e.AUDIT_SIGNING_KEY);
  return derivedKey("audit-checkpoint");
}

function signatureOf(c: Omit<Checkpoint, "signature">): string {
  return createHmac("sha256", signingKey()).update(canonicalJson(c)).digest("hex");
}

export function signCheckpoint(c: Omit<Checkpoint, "signature">): Checkpoint {
  return { ...c, signature: signatureOf(c) };
}

export function checkpointSignatureValid(c: Checkpoint): boolean {
  const { signature, ...rest } = c;
  const expected = Buffer.from(signatureOf(rest), "hex");
  const given = Buffer.from(signature, "hex");
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export class FileCheckpointStore implements CheckpointStore {
  constructor(private readonly dir: string) {}

  private file(organizationId: string) {
    if (!/^[0-9a-f-]{36}$/.test(organizationId)) throw new Error("bad organization id");
    return path.join(this.dir, `audit-checkpoints-${organizationId}.jsonl`);
  }

  async append(checkpoint: Checkpoint): Promise<void> {
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    await appendFile(this.file(checkpoint.organizationId), `${JSON.stringify(checkpoint)}\n`, { mode: 0o600 });
  }

  async latest(organizationId: string): Promise<Checkpoint | null> {
    let text: string;
    try {
      text = await readFile(this.file(organizationId), "utf8");
    } catch {
      return null;
    }
    const lines = text.trim().split("\n").filter(Boolean);
    const last = lines[lines.length - 1];
    return last ? (JSON.parse(last) as Checkpoint) : null;
  }
}

export function checkpointStore(): CheckpointStore {
  return new FileCheckpointStore(env().AUDIT_CHECKPOINT_DIR);
}
