// The fast path must give canonicalJson(JSON.parse(text)) byte for byte, or step aside (null).
import { describe, expect, it } from "vitest";
import { canonicalJson } from "./hash";
import { canonicalFromJsonbText } from "./jsonb-canonical";

/** PostgreSQL's jsonb text layout: keys by length then bytes, ", " and ": ". Numbers as given. */
function jsonbText(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(jsonbText).join(", ")}]`;
  const keys = Object.keys(value).sort((a, b) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0));
  return `{${keys.map((k) => `${JSON.stringify(k)}: ${jsonbText((value as Record<string, unknown>)[k])}`).join(", ")}}`;
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

const PIECES = [
  '"',
  "\\",
  "\n",
  "\t",
  "\b",
  "\f",
  "\r",
  "\u000b",
  "\u0001",
  "\u001f",
  "\u007f",
  "😀",
  "\u2028",
  "é",
  "/",
  "{",
  "}",
  "[",
  "]",
  ",",
  ":",
  " ",
  "a",
  "Z",
  "key",
];
const NUMBERS = [0, 1, -1, 42, -17, 999_999_999_999_999, 1_000_000_000_000_000, -999_999_999_999_999, 1.5, -0.25, 1e21, 5e-7, 0.1 + 0.2, 2 ** 53 + 2];

function randomValue(r: () => number, depth: number): unknown {
  const k = r();
  if (depth > 3 || k < 0.3) {
    let s = "";
    for (let i = Math.floor(r() * 5); i > 0; i--) s += PIECES[Math.floor(r() * PIECES.length)];
    return s;
  }
  if (k < 0.45) return NUMBERS[Math.floor(r() * NUMBERS.length)];
  if (k < 0.5) return r() < 0.5;
  if (k < 0.55) return null;
  if (k < 0.7) return Array.from({ length: Math.floor(r() * 4) }, () => randomValue(r, depth + 1));
  const o: Record<string, unknown> = {};
  for (let i = Math.floor(r() * 5); i > 0; i--) o[(randomValue(r, 9) as string) || `k${i}`] = randomValue(r, depth + 1);
  return o;
}

describe("canonical JSON straight from jsonb text (S12, issue 15)", () => {
  it("equals canonicalJson(JSON.parse(text)) whenever it answers, on 20,000 random values", () => {
    const r = prng(2026);
    let answered = 0;
    for (let i = 0; i < 20_000; i++) {
      const text = jsonbText(randomValue(r, 0));
      const fast = canonicalFromJsonbText(text);
      if (fast === null) continue;
      answered++;
      expect(fast, text).toBe(canonicalJson(JSON.parse(text)));
    }
    // It is a fast path only if it answers for most values.
    expect(answered).toBeGreaterThan(10_000);
  });

  it("answers for the audit data the app writes", () => {
    const samples = [
      {},
      { changes: { status: { from: "open", to: "pending" } }, n: 12 },
      {
        number: 41,
        priority: "urgent",
        requesterId: "u1",
        assigneeId: null,
        teamId: null,
        sla: { firstResponseDueAt: "2026-01-01T00:30:00.000Z", pausedSince: null },
      },
      { kind: "first_response", dueAt: "2026-01-01T00:30:00.000Z" },
      { tags: ["vip", "billing"], ids: [1, 2, 3], ok: true },
    ];
    for (const v of samples) expect(canonicalFromJsonbText(jsonbText(v))).toBe(canonicalJson(v));
  });

  it("steps aside for what it cannot copy as written", () => {
    for (const text of [
      '{"n": 1.0}',
      '{"n": 1e3}',
      '{"n": 12345678901234567}',
      '{"n": -0}',
      '{"n": 007}',
      '{"a\\"b": 1}',
      '{"s": "\\u00e9"}',
      '{"s": "\\/"}',
      '{"a":1}',
      '{"a": 1,"b": 2}',
      "{",
      '{"a": 1} x',
    ]) {
      expect(canonicalFromJsonbText(text), text).toBeNull();
    }
  });
});
