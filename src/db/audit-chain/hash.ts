// The canonical encoding an audit event's hash covers (S12): every field that matters, in a fixed key
// order (object keys sorted at every depth, since jsonb does not keep key order), then SHA-256 over
// that text followed by a newline and the previous event's hash. Lives with the chain (src/db/audit-chain/):
// the writer (append.ts, through audit_append_batch() of migration 0019) and the verifier
// (src/domain/audit/verify-chain.ts) must agree on it byte for byte, and so must audit_canonical_json() of
// migration 0008 (whose comment still names this file's old path, src/domain/audit/audit-hash.ts: applied
// migrations are not edited).
//
// Issue 15: the verifier hashes hundreds of thousands of events a second, so the event's top level is written
// out in its sorted key order instead of being sorted per event, and the hash is one call (crypto.hash).
// canonicalJson() stays the definition: hash.test.ts checks the fast encoding against it on random events.
import { hash } from "node:crypto";

export interface AuditHashInput {
  organizationId: string;
  seq: number;
  actorId: string | null;
  action: string;
  targetType: string;
  targetId: string | null;
  data: Record<string, unknown>;
  ip: string | null;
  userAgent: string | null;
  createdAt: Date;
  prevHash: string;
}

/** `"key":` for keys seen before: events repeat the same few keys millions of times (bounded). */
const keyPrefixes = new Map<string, string>();

export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value ?? null);
  if (Array.isArray(value)) {
    let out = "[";
    for (let i = 0; i < value.length; i++) out += (i ? "," : "") + canonicalJson(value[i]);
    return `${out}]`;
  }
  // Object.keys(...).sort() orders by UTF-16 code units, the same order as `a < b`.
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  if (keys.length > 1) keys.sort();
  let out = "{";
  let first = true;
  for (const key of keys) {
    const v = record[key];
    if (v === undefined) continue;
    let prefix = keyPrefixes.get(key);
    if (prefix === undefined) {
      prefix = `${JSON.stringify(key)}:`;
      if (keyPrefixes.size < 10_000) keyPrefixes.set(key, prefix);
    }
    out += (first ? "" : ",") + prefix + canonicalJson(v);
    first = false;
  }
  return `${out}}`;
}

/** A string or null as canonicalJson writes it. */
const scalar = (v: string | null) => (v === null ? "null" : JSON.stringify(v));

/**
 * The canonical JSON of an event, in three pieces around the two values the database chooses when it
 * appends (migration 0019, audit_append_batch): the time and the sequence number. The top-level keys are
 * in canonicalJson's sorted order: action, actorId, createdAt, data, ip, organizationId, seq, targetId,
 * targetType, userAgent.
 */
export function canonicalParts(e: Omit<AuditHashInput, "seq" | "createdAt" | "prevHash">): { beforeTime: string; beforeSeq: string; afterSeq: string } {
  return {
    beforeTime: `{"action":${JSON.stringify(e.action)},"actorId":${scalar(e.actorId)},"createdAt":`,
    beforeSeq: `,"data":${canonicalJson(e.data)},"ip":${scalar(e.ip)},"organizationId":${JSON.stringify(e.organizationId)},"seq":`,
    afterSeq: `,"targetId":${scalar(e.targetId)},"targetType":${JSON.stringify(e.targetType)},"userAgent":${scalar(e.userAgent)}}`,
  };
}

/** The canonical JSON of an event with its time (ISO text, UTC, milliseconds) and sequence number. */
export function canonicalEvent(e: Omit<AuditHashInput, "createdAt" | "prevHash">, createdAtIso: string): string {
  const p = canonicalParts(e);
  return `${p.beforeTime}"${createdAtIso}"${p.beforeSeq}${e.seq}${p.afterSeq}`;
}

/** SHA-256 (hex) of the canonical JSON, a newline and the previous hash: an event's hash, or the raw cost of one. */
export function chainHash(canonical: string, prevHash: string): string {
  return hash("sha256", `${canonical}\n${prevHash}`, "hex");
}

export function auditEventHash(e: AuditHashInput): string {
  return chainHash(canonicalEvent(e, e.createdAt.toISOString()), e.prevHash);
}
