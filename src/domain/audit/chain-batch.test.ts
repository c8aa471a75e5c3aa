// The batched walk (issue 15) must report exactly what an event-by-event walk over the same COPY lines
// reports — the same first problem (kind, seq, event), the same counts and hashes — whatever the batch sizes,
// in this thread or in worker threads; and its byte path must write the defining encoding (chain-row.ts).
import { describe, expect, it } from "vitest";
import { copyFields } from "@/db/audit-chain/copy-text";
import { chainHash } from "@/db/audit-chain/hash";
import type { ChainRow, ChainSnapshot } from "@/db/audit-chain/unsafe-audit-chain";
import { ChainBatchChecker } from "./chain-batch";
import { workerCounts } from "./chain-batch-pool";
import { canonicalRow, earlier, isoTime } from "./chain-row";
import { type WalkStart, walkChain } from "./walk-chain";

const ORG = "0b7e7c1e-3f7a-4a4b-9d2a-1c2b3c4d5e6f";
const GENESIS = "0".repeat(64);

/** COPY's text form of one column. */
function copyText(v: string | null): string {
  if (v === null) return "\\N";
  return v.replace(/[\\\b\f\n\r\t\v]/g, (c) => `\\${{ "\\": "\\", "\b": "b", "\f": "f", "\n": "n", "\r": "r", "\t": "t", "\v": "v" }[c]}`);
}

/** jsonb's own text form: keys ordered by length then bytes, ", " and ": " separators. */
function jsonbText(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(jsonbText).join(", ")}]`;
  const keys = Object.keys(value).sort((a, b) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0));
  return `{${keys.map((k) => `${JSON.stringify(k)}: ${jsonbText((value as Record<string, unknown>)[k])}`).join(", ")}}`;
}

const HOSTILE = ["tab\there", "new\nline", 'quote " here', "back\\slash", "\\N", "ctrl \u0001 \u007f", "é ü 😀 \u2028", "", "null"];

/** Column text of event `seq` (before hashing): mostly plain rows, every seventh full of what needs escaping. */
function columns(seq: number): (string | null)[] {
  const odd = seq % 7 === 0 ? HOSTILE[seq % HOSTILE.length]! : null;
  const data =
    seq % 11 === 0
      ? { é: odd ?? "x", n: 1.5, big: 2 ** 53 + 2, list: [null, true, false, -3, "s"], "10": {}, "9": [] }
      : { changes: { status: { from: "open", to: "pending" } }, n: seq, note: odd ?? "plain", z: null };
  const ms = Date.UTC(2026, 0, 1) + seq * 1000 + (seq % 5) * 7;
  const iso = new Date(ms).toISOString();
  const time = seq % 3 === 0 ? `${iso.slice(0, 10)} ${iso.slice(11, 19)}+00` : `${iso.slice(0, 10)} ${iso.slice(11, 23)}${seq % 10}00+00`;
  return [
    String(seq),
    seq % 2 === 0 ? null : `u-${seq}`,
    seq % 3 === 0 ? "ticket.updated" : "ticket.created",
    odd ?? "ticket",
    seq % 4 === 0 ? null : `t-${seq}`,
    jsonbText(data),
    seq % 5 === 0 ? null : (odd ?? "203.0.113.7"),
    seq % 6 === 0 ? null : (odd ?? "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko)"),
    time,
  ];
}

/** A chain of `n` events as COPY lines (hashes from the defining encoding), and each event's fields. */
function chain(n: number): ChainRow[] {
  const rows: ChainRow[] = [];
  let prev = GENESIS;
  for (let seq = 1; seq <= n; seq++) {
    const c = columns(seq);
    const partial = [...c, prev, ""] as ChainRow;
    const hash = chainHash(canonicalRow(partial, ORG, isoTime(c[8]!)), prev);
    rows.push([...c, prev, hash] as ChainRow);
    prev = hash;
  }
  return rows;
}

const lineOf = (row: (string | null)[]) => row.map(copyText).join("\t");

/** The walk as it was before batches: one event after another, from the strings (walk-chain.ts before issue 15). */
function referenceWalk(lines: string[], start: WalkStart) {
  let expectedSeq = start.anchorSeq + 1;
  let expectedPrev = start.anchorHash;
  let previousAt: string | null = null;
  let checked = 0;
  let hashAtCheckpoint: string | null = null;
  for (const line of lines) {
    const row = copyFields(line) as ChainRow;
    const seq = Number(row[0]);
    if (seq !== expectedSeq) {
      return {
        checked,
        lastSeq: expectedSeq - 1,
        lastHash: expectedPrev,
        hashAtCheckpoint,
        kind: seq > expectedSeq ? "sequence_gap" : "duplicate_sequence",
        seq: Math.min(seq, expectedSeq),
      };
    }
    const at = isoTime(row[8]);
    if (chainHash(canonicalRow(row, ORG, at), row[9]) !== row[10])
      return { checked, lastSeq: expectedSeq - 1, lastHash: expectedPrev, hashAtCheckpoint, kind: "hash_mismatch", seq };
    if (row[9] !== expectedPrev) return { checked, lastSeq: expectedSeq - 1, lastHash: expectedPrev, hashAtCheckpoint, kind: "broken_link", seq };
    if (seq > start.timeOrderFromSeq && previousAt !== null && earlier(at, previousAt)) {
      return { checked, lastSeq: expectedSeq - 1, lastHash: expectedPrev, hashAtCheckpoint, kind: "time_went_backwards", seq };
    }
    previousAt = at;
    if (seq === start.checkpointSeq) hashAtCheckpoint = row[10];
    expectedPrev = row[10];
    expectedSeq++;
    checked++;
  }
  return { checked, lastSeq: expectedSeq - 1, lastHash: expectedPrev, hashAtCheckpoint, kind: null, seq: null };
}

/** A snapshot that streams `lines` in batches of at least `batchBytes`, cut after a line break as copyLines cuts. */
function snapshot(lines: string[]): ChainSnapshot {
  const text = Buffer.from(lines.map((l) => `${l}\n`).join(""), "utf8");
  return {
    head: null,
    events: () => {
      throw new Error("not used");
    },
    async *lines(_afterSeq, batchBytes) {
      for (let from = 0; from < text.length; ) {
        const end = text.indexOf(10, Math.min(from + Math.max(batchBytes, 1) - 1, text.length - 1)) + 1;
        const batch = Buffer.allocUnsafeSlow(end - from);
        text.copy(batch, 0, from, end);
        yield batch;
        from = end;
      }
    },
    eventId: async (seq) => `event-${seq}`,
    seals: async () => new Map(),
  };
}

const START: WalkStart = { organizationId: ORG.toUpperCase(), anchorSeq: 0, anchorHash: GENESIS, timeOrderFromSeq: 1, checkpointSeq: 1234 };

async function agrees(lines: string[], runs: { threads: number; batchBytes: number }[]) {
  const expected = referenceWalk(lines, START);
  for (const options of runs) {
    const before = workerCounts().batches;
    const walked = await walkChain(snapshot(lines), START, { ...options, awaitThreads: true });
    // With threads, the workers checked the batches (not this thread while they started).
    if (options.threads > 0) expect(workerCounts().batches).toBeGreaterThan(before);
    const got = {
      checked: walked.checked,
      lastSeq: walked.lastSeq,
      lastHash: walked.lastHash,
      hashAtCheckpoint: walked.hashAtCheckpoint,
      kind: walked.problem?.kind ?? null,
      seq: walked.problem?.seq ?? null,
    };
    expect(got, JSON.stringify(options)).toEqual(expected);
    // Whether it finished, found a problem or stopped early, no worker thread outlives the walk.
    expect(workerCounts().live).toBe(0);
    if (walked.problem) expect(walked.problem.eventId).toBe(walked.problem.kind === "sequence_gap" ? null : `event-${walked.problem.seq}`);
  }
  return expected;
}

const ROWS = chain(3000);
const LINES = ROWS.map(lineOf);
// One line per batch, small batches (a problem lands anywhere in one), large ones, and worker threads.
const RUNS = [
  { threads: 0, batchBytes: 1 },
  { threads: 0, batchBytes: 4096 },
  { threads: 0, batchBytes: 1 << 20 },
  { threads: 2, batchBytes: 1 },
  { threads: 2, batchBytes: 8192 },
];

describe("the batched chain walk (S12, issue 15)", () => {
  it("the byte path hashes exactly the defining encoding: an intact chain, hostile columns included, verifies", async () => {
    const checker = new ChainBatchChecker({ orgText: ORG, timeOrderFromSeq: 1, checkpointSeq: null, seals: [] });
    const result = checker.check(Buffer.from(LINES.map((l) => `${l}\n`).join("")));
    expect(result).toMatchObject({ rows: 3000, passed: 3000, stop: null, last: { seq: 3000, hash: ROWS[2999]![10] } });
    expect(await agrees(LINES, RUNS)).toMatchObject({ checked: 3000, kind: null });
  }, 60_000);

  it("an edited column, an edited hash, a missing, duplicated or moved event: the same first problem in every batching", async () => {
    const edit = (seq: number, column: number, value: string | null) => {
      const lines = [...LINES];
      const row = [...ROWS[seq - 1]!];
      row[column] = value;
      lines[seq - 1] = lineOf(row);
      return lines;
    };
    const cases: [string, string[], string, number][] = [
      ["data", edit(1777, 5, ROWS[1776]![5]!.replace("pending", "closed")), "hash_mismatch", 1777],
      ["hash", edit(2048, 10, "f".repeat(64)), "hash_mismatch", 2048],
      ["first event", edit(1, 2, "ticket.deleted"), "hash_mismatch", 1],
      ["user agent", edit(2999, 7, "curl"), "hash_mismatch", 2999],
      ["missing", LINES.filter((_, i) => i !== 1499), "sequence_gap", 1500],
      ["missing last-but-one", LINES.filter((_, i) => i !== 2998), "sequence_gap", 2999],
      ["duplicated", [...LINES.slice(0, 901), LINES[899]!, ...LINES.slice(901)], "duplicate_sequence", 900],
      ["swapped", [...LINES.slice(0, 1200), LINES[1201]!, LINES[1200]!, ...LINES.slice(1202)], "sequence_gap", 1201],
    ];
    for (const [name, lines, kind, seq] of cases) {
      expect(await agrees(lines, [RUNS[0]!, RUNS[1]!, RUNS[4]!]), name).toMatchObject({ kind, seq });
    }
  }, 60_000);

  it("a re-hashed insertion breaks the link, a backdated event goes back in time: found where the walk finds them", async () => {
    // Event 1600 rewritten with a foreign previous hash and a hash that matches it: the link is what breaks.
    const linked = [...LINES];
    const row = [...ROWS[1599]!] as ChainRow;
    row[9] = "a".repeat(64);
    row[10] = chainHash(canonicalRow(row, ORG, isoTime(row[8])), row[9]);
    linked[1599] = lineOf(row);
    expect(await agrees(linked, RUNS)).toMatchObject({ kind: "broken_link", seq: 1600 });

    // Event 2500 dated a day early, re-hashed and re-linked from there on: only its time gives it away.
    const rows = ROWS.map((r) => [...r] as ChainRow);
    rows[2499]![8] = "2026-01-01 00:00:00.5+00";
    for (let i = 2499; i < rows.length; i++) {
      rows[i]![9] = rows[i - 1]![10];
      rows[i]![10] = chainHash(canonicalRow(rows[i]!, ORG, isoTime(rows[i]![8])), rows[i]![9]);
    }
    expect(await agrees(rows.map(lineOf), RUNS)).toMatchObject({ kind: "time_went_backwards", seq: 2500 });
  }, 60_000);

  it("a malformed line is an error, not a verdict", async () => {
    const lines = [...LINES];
    lines[100] = `${lines[100]}\textra`;
    for (const options of [RUNS[1]!, RUNS[4]!]) {
      await expect(walkChain(snapshot(lines), START, { ...options, awaitThreads: true })).rejects.toThrow(/a line with 12 fields/);
      expect(workerCounts().live).toBe(0);
    }
  }, 60_000);
});

describe("verifications at once (security review F1)", () => {
  it("share one pool of worker threads: the others check in their own thread, and all agree", async () => {
    const expected = referenceWalk(LINES, START);
    const walks = await Promise.all(Array.from({ length: 4 }, () => walkChain(snapshot(LINES), START, { threads: 2, batchBytes: 8192, awaitThreads: true })));
    for (const walked of walks)
      expect({ checked: walked.checked, lastHash: walked.lastHash }).toEqual({ checked: expected.checked, lastHash: expected.lastHash });
    // Four walks asked for two threads each; never more than one pool's two ran.
    expect(workerCounts().peak).toBeLessThanOrEqual(2);
    expect(workerCounts().live).toBe(0);
  });
});
