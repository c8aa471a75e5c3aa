// The canonical encoding an audit event's hash covers (S12): every field that matters, in a fixed key
// order (object keys sorted at every depth, since jsonb does not keep key order), then SHA-256 over
// that text followed by the previous event's hash. Lives with the chain (src/db/audit-chain/): the writer
// (append.ts) and the verifier (src/domain/audit/verify-chain.ts) must agree on it byte for byte, and so
// must audit_canonical_json() of migration 0008 (whose comment still names this file's old path,
// src/domain/audit/audit-hash.ts: applied migrations are not edited).
import { createHash } from "node:crypto";

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

export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

export function auditEventHash(e: AuditHashInput): string {
  const content = canonicalJson({
    organizationId: e.organizationId,
    seq: e.seq,
    actorId: e.actorId,
    action: e.action,
    targetType: e.targetType,
    targetId: e.targetId,
    data: e.data,
    ip: e.ip,
    userAgent: e.userAgent,
    createdAt: e.createdAt.toISOString(),
  });
  return createHash("sha256").update(content).update("\n").update(e.prevHash).digest("hex");
}
