// The fast encoding of an audit event (issue 15) must be canonicalJson's, byte for byte: the writer hashes
// with it, the verifier recomputes with it, and events written before it must still verify.
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { auditEventHash, canonicalEvent, canonicalJson, canonicalParts, type AuditHashInput } from "./hash";

/** The definition before issue 15: canonicalJson over the whole event, then SHA-256 in three updates. */
function referenceHash(e: AuditHashInput): string {
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

/** The canonical encoding before issue 15 (entries, sort with <, map/join): canonicalJson must equal it. */
function referenceCanonical(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(referenceCanonical).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${referenceCanonical(v)}`).join(",")}}`;
}

function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), s | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Strings that try to break out of their place: quotes, backslashes, control characters, keys of the
// event's own top level, the pieces' seams, astral and lone surrogates, line separators.
const NASTY = ['"', "\\", "\n", "\u0001", "\u001f", "😀", "\ud800", "\u2028", '","seq":1', '"createdAt":"x"', "}", "{", "ü", "é", "", "seq", "createdAt"];

function randomString(r: () => number): string {
  let out = "";
  const n = Math.floor(r() * 4);
  for (let i = 0; i < n; i++) out += r() < 0.5 ? NASTY[Math.floor(r() * NASTY.length)] : String.fromCharCode(32 + Math.floor(r() * 200));
  return out;
}

function randomValue(r: () => number, depth: number): unknown {
  const k = r();
  if (depth > 2 || k < 0.25) return randomString(r);
  if (k < 0.35) return Math.floor(r() * 1e6) - 5e5;
  if (k < 0.4) return [1.5, -0, 1e21, 5e-7, 0.1 + 0.2, Number.MAX_SAFE_INTEGER][Math.floor(r() * 6)];
  if (k < 0.45) return r() < 0.5;
  if (k < 0.5) return null;
  if (k < 0.7) return Array.from({ length: Math.floor(r() * 3) }, () => randomValue(r, depth + 1));
  const o: Record<string, unknown> = {};
  for (let i = Math.floor(r() * 4); i > 0; i--) o[randomString(r) || `k${i}`] = randomValue(r, depth + 1);
  return o;
}

function randomEvent(r: () => number, seq: number): AuditHashInput {
  const maybe = () => (r() < 0.3 ? null : randomString(r));
  return {
    organizationId: `7f1c0a4e-0000-4000-8000-00000000000${seq % 10}`,
    seq,
    actorId: maybe(),
    action: randomString(r) || "ticket.created",
    targetType: randomString(r) || "ticket",
    targetId: maybe(),
    data: randomValue(r, 0) as Record<string, unknown>,
    ip: maybe(),
    userAgent: maybe(),
    createdAt: new Date(Date.UTC(2020, 0, 1) + Math.floor(r() * 2e11)),
    prevHash: createHash("sha256").update(String(seq)).digest("hex"),
  };
}

describe("audit event encoding (S12, issue 15)", () => {
  it("canonicalJson equals the former encoding on random nested values with hostile strings", () => {
    const r = prng(7);
    for (let i = 0; i < 3000; i++) {
      const v = randomValue(r, 0);
      expect(canonicalJson(v)).toBe(referenceCanonical(v));
    }
    expect(canonicalJson({ b: 1, a: undefined, c: [undefined, 2] })).toBe('{"b":1,"c":[null,2]}');
  });

  it("the event hash equals the former definition for 3,000 random events", () => {
    const r = prng(42);
    for (let seq = 1; seq <= 3000; seq++) {
      const e = randomEvent(r, seq);
      expect(auditEventHash(e)).toBe(referenceHash(e));
    }
  });

  it("the three pieces the database joins around the time and the sequence number are the canonical JSON", () => {
    const r = prng(99);
    for (let seq = 1; seq <= 1000; seq++) {
      const e = randomEvent(r, seq * 7919);
      const iso = e.createdAt.toISOString();
      const p = canonicalParts(e);
      const joined = `${p.beforeTime}"${iso}"${p.beforeSeq}${e.seq}${p.afterSeq}`;
      expect(joined).toBe(canonicalEvent(e, iso));
      expect(joined).toBe(referenceCanonical({ ...e, createdAt: iso, prevHash: undefined }));
    }
  });
});
