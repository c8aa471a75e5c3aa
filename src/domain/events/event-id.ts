// The ids a live stream sends (SSE `id:`, echoed back as Last-Event-ID on reconnect; issue 11). The log's
// sequence number is global across organizations, so handing it out in clear would let a client watch
// other tenants' activity in the gaps, and a chosen number would be a probe. Each id is the sequence
// number encrypted and authenticated (AES-256-GCM, a key derived for this purpose only) with the
// organization and user it was issued to as associated data: opaque, unforgeable, and useless to anyone
// else. Anything that does not open with the caller's own binding is ignored (the stream starts from now).
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import type { Actor } from "@/auth/actor";
import { derivedKey } from "@/lib/derived-key";

const VERSION = "e1.";
const IV_BYTES = 12;
const TAG_BYTES = 16;
const SEQ_BYTES = 8;
/** The longest id we ever issue; anything longer is garbage, refused before any work. */
const MAX_LENGTH = 64;

let key: Buffer | undefined;
const cursorKey = () => {
  key ??= derivedKey("live-event-id");
  return key;
};

const binding = (actor: Pick<Actor, "orgId" | "userId">) => Buffer.from(`${actor.orgId}\n${actor.userId}`, "utf8");

export function encodeEventId(actor: Pick<Actor, "orgId" | "userId">, seq: number): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", cursorKey(), iv);
  cipher.setAAD(binding(actor));
  const plain = Buffer.alloc(SEQ_BYTES);
  plain.writeBigUInt64BE(BigInt(seq));
  const sealed = Buffer.concat([iv, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
  return VERSION + sealed.toString("base64url");
}

/** The sequence number of an id issued to this caller, or null for anything else (absent, foreign, altered, garbage). */
export function decodeEventId(actor: Pick<Actor, "orgId" | "userId">, id: string | null | undefined): number | null {
  if (!id || id.length > MAX_LENGTH || !id.startsWith(VERSION)) return null;
  const body = id.slice(VERSION.length);
  if (!/^[\w-]+$/.test(body)) return null;
  const sealed = Buffer.from(body, "base64url");
  if (sealed.length !== IV_BYTES + SEQ_BYTES + TAG_BYTES) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", cursorKey(), sealed.subarray(0, IV_BYTES), { authTagLength: TAG_BYTES });
    decipher.setAAD(binding(actor));
    decipher.setAuthTag(sealed.subarray(IV_BYTES + SEQ_BYTES));
    const plain = Buffer.concat([decipher.update(sealed.subarray(IV_BYTES, IV_BYTES + SEQ_BYTES)), decipher.final()]);
    const seq = plain.readBigUInt64BE();
    return seq <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(seq) : null;
  } catch {
    return null;
  }
}
