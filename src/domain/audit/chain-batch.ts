// One batch of a chain's COPY lines checked on its own (S12, issue 15), in the verifier's own thread or in a
// worker thread while the next batch is read (chain-batch-pool.ts). Each event is checked as walk-chain.ts
// checks it, in the same order; what a batch cannot know alone — whether its first event follows the event
// before the batch (sequence number, link, time) — it returns, and walk-chain.ts checks it there. So the walk
// reports the same first problem whatever the batches are.
//
// Speed: most events are read straight from the line's bytes. The canonical JSON (chain-row.ts's
// canonicalRow, byte for byte) is written into one reused buffer and hashed from there, links and times are
// compared as bytes, and nothing per event is allocated but the digest. A line this path does not take as
// written — a backslash (COPY's escapes) other than a NULL, a quote or control character in a text column,
// an unusual time, number or key — goes through the defining string functions (copyFields, isoTime,
// canonicalRow, chainHash). chain-batch.test.ts holds the two paths together.
import { hash } from "node:crypto";
import { copyFields, unescapeCopy } from "../../db/audit-chain/copy-text";
import { chainHash } from "../../db/audit-chain/hash";
import type { ChainRow } from "../../db/audit-chain/unsafe-audit-chain";
import { canonicalRow, earlier, isoTime, sealOfRow } from "./chain-row";
import { copy, JsonbCanonicalWriter, NINE, NULL, put, QUOTE, SPACE, sameAs, ZERO } from "./jsonb-canonical-bytes";
import type { ChainProblemKind } from "./verify-chain";

/** What every batch of one walk shares. Plain data: it is sent to worker threads. */
export interface BatchStart {
  /** The organization id as PostgreSQL writes a uuid (lower case). */
  orgText: string;
  timeOrderFromSeq: number;
  checkpointSeq: number | null;
  /** Redacted events' seals (issue 14): [redacted seq, seal, seq of the erasure event that recorded it]. */
  seals: [number, string, number][];
}

export interface FoundProblem {
  kind: ChainProblemKind;
  seq: number;
  /** Whether the event's id is looked up for the report (the event exists). */
  lookUpId: boolean;
  detail: string;
}

/**
 * Where a batch stopped: a problem, or an error thrown while checking (a malformed line). `stage` orders it
 * within its event, for the first event of a batch, whose sequence number, link and time the caller checks:
 * 0 before the sequence number, 1 at the hash (before the link), 2 after the time.
 */
export type BatchStop = { index: number; stage: 0 | 1 | 2 } & ({ problem: FoundProblem; error?: undefined } | { problem?: undefined; error: string });

export interface BatchResult {
  /** Lines looked at (up to and including a stop). */
  rows: number;
  /** The first event's sequence number (NaN when its line could not be read). */
  firstSeq: number;
  /** The first event, once its hash passed: what the caller checks against the event before the batch. */
  first: { seq: number; prevHash: string | null; at: string } | null;
  /** Events from the first on that passed every check made here (the first: its hash only). */
  passed: number;
  /** The last of them. */
  last: { seq: number; hash: string | null; at: string } | null;
  stop: BatchStop | null;
  /** The hash of the event at the checkpoint's sequence number, when it is among the passed. */
  hashAtCheckpoint: string | null;
  /** "audit.pruned" events among the passed, in order: [throughSeq, anchorHash]. */
  prunes: [number, unknown][];
}

const TAB = 9;
const NL = 10;
const BACKSLASH = 92;
const N_UPPER = 78;

// Columns of a line, in the order copyEvents selects them.
const SEQ = 0;
const ACTOR = 1;
const ACTION = 2;
const TARGET_TYPE = 3;
const TARGET_ID = 4;
const DATA = 5;
const IP = 6;
const USER_AGENT = 7;
const CREATED_AT = 8;
const PREV_HASH = 9;
const HASH = 10;
/** Columns that may be NULL (\N) on the byte path; a NULL anywhere else takes the string path. */
const NULLABLE = (1 << ACTOR) | (1 << TARGET_ID) | (1 << IP) | (1 << USER_AGENT);
/** Columns written as JSON strings: a quote or control character in them takes the string path. */
const TEXT_COLUMNS = (1 << ACTOR) | (1 << ACTION) | (1 << TARGET_TYPE) | (1 << TARGET_ID) | (1 << IP) | (1 << USER_AGENT);

// What scan() notes of a byte; 0 for the printable ASCII that most of a line is.
const K_TAB = 1;
const K_NL = 2;
const K_BACKSLASH = 3;
const K_QUOTE = 4;
const K_CONTROL = 5;
const K_NON_ASCII = 6;
const BYTE_KIND = new Uint8Array(256).map((_, b) =>
  b === TAB ? K_TAB : b === NL ? K_NL : b === BACKSLASH ? K_BACKSLASH : b === QUOTE ? K_QUOTE : b < SPACE ? K_CONTROL : b > 127 ? K_NON_ASCII : 0,
);

const ascii = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
const K_ACTION = ascii('{"action":');
const K_ACTOR = ascii(',"actorId":');
const K_CREATED = ascii(',"createdAt":"');
const K_DATA = ascii('","data":');
const K_IP = ascii(',"ip":');
const K_ORG = ascii(',"organizationId":"');
const K_SEQ = ascii('","seq":');
const K_TARGET_ID = ascii(',"targetId":');
const K_TARGET_TYPE = ascii(',"targetType":');
const K_USER_AGENT = ascii(',"userAgent":');
const K_END = ascii("}\n");
const PRUNED = ascii("audit.pruned");

export class ChainBatchChecker {
  private readonly seals: Map<number, { seal: string; by: number }>;
  private readonly org: Uint8Array;
  private out = Buffer.allocUnsafe(1 << 16);
  private readonly jsonb = new JsonbCanonicalWriter();
  /** Views of `out` by length: hashing the first n bytes allocates nothing after the first time. */
  private views: Buffer[] = [];
  // The current line's columns: start and end (exclusive) of each, and per-column flags (bit = column).
  private readonly starts = new Int32Array(11);
  private readonly ends = new Int32Array(11);
  private backslashes = 0;
  private quotes = 0;
  private controls = 0;
  private nonAscii = 0;
  private nulls = 0;
  /** Where backslashFrom() last found a backslash in the current batch. */
  private backslashAt = -1;

  constructor(private readonly start: BatchStart) {
    this.seals = new Map(start.seals.map(([seq, seal, by]) => [seq, { seal, by }]));
    this.org = Buffer.from(start.orgText, "utf8");
  }

  check(buf: Buffer): BatchResult {
    const { starts, ends, start } = this;
    const result: BatchResult = { rows: 0, firstSeq: Number.NaN, first: null, passed: 0, last: null, stop: null, hashAtCheckpoint: null, prunes: [] };
    // The previous event in this batch (it passed): its sequence number, hash and time, as bytes or text.
    let prevSeq = 0;
    let prevHashFrom = 0;
    let prevHashTo = 0;
    let prevText: string | null | undefined; // the hash as text when the event was read as text
    let prevIso = new Uint8Array(24);
    let prevAt: string | null = null; // the time as text when not in prevIso
    let curIso = new Uint8Array(24);
    let index = 0;
    let p = 0;
    this.backslashAt = -1;
    while (p < buf.length) {
      const lineStart = p;
      p = this.scan(buf, p);
      const lineEnd = p - 1;
      result.rows++;
      let stage: 0 | 1 | 2 = 0;
      try {
        // The byte path: no escape but NULLs where they may be, a plain sequence number and the usual time.
        const bytes =
          (this.backslashes & ~(this.nulls & NULLABLE)) === 0 &&
          ((this.quotes | this.controls) & TEXT_COLUMNS & ~this.nulls) === 0 &&
          plainInteger(buf, starts[SEQ]!, ends[SEQ]!) &&
          (this.nonAscii & (1 << CREATED_AT)) === 0 &&
          usualTime(buf, starts[CREATED_AT]!, ends[CREATED_AT]!);
        const row = bytes ? null : (copyFields(buf.toString("utf8", lineStart, lineEnd)) as ChainRow);
        const seq = row ? Number(row[SEQ]) : digits(buf, starts[SEQ]!, ends[SEQ]!);
        if (index === 0) result.firstSeq = seq;
        else if (seq !== prevSeq + 1) {
          const expected = prevSeq + 1;
          result.stop = {
            index,
            stage: 0,
            problem:
              seq > expected
                ? { kind: "sequence_gap", seq: expected, lookUpId: false, detail: `events ${expected}..${seq - 1} are missing` }
                : { kind: "duplicate_sequence", seq, lookUpId: true, detail: "two events share a sequence number" },
          };
          break;
        }
        stage = 1;
        let at: string | null = null;
        if (row) at = isoTime(row[CREATED_AT]);
        else writeIso(buf, starts[CREATED_AT]!, ends[CREATED_AT]!, curIso);
        // The hash: from the bytes, or from the text when the bytes path does not take this line's data.
        const length = row ? -1 : this.canonical(buf, curIso);
        let hashOk: boolean;
        if (length >= 0) {
          let input = this.views[length];
          if (input === undefined) {
            input = this.out.subarray(0, length);
            this.views[length] = input;
          }
          hashOk = equalsHex(hash("sha256", input, "hex"), buf, starts[HASH]!, ends[HASH]!);
        } else {
          const text = row ?? (copyFields(buf.toString("utf8", lineStart, lineEnd)) as ChainRow);
          hashOk = chainHash(canonicalRow(text, start.orgText, at ?? latin1(curIso)), text[PREV_HASH]) === text[HASH];
        }
        if (!hashOk && !this.sealed(seq, row ?? (copyFields(buf.toString("utf8", lineStart, lineEnd)) as ChainRow))) {
          result.stop = {
            index,
            stage: 1,
            problem: { kind: "hash_mismatch", seq, lookUpId: true, detail: "the event's content does not match its hash (edited, renumbered or forged)" },
          };
          break;
        }
        if (index === 0) {
          result.first = { seq, prevHash: row ? row[PREV_HASH] : text(buf, starts[PREV_HASH]!, ends[PREV_HASH]!), at: at ?? latin1(curIso) };
        } else {
          // As bytes when both events were read as bytes, else as text.
          let linked: boolean;
          if (!row && prevText === undefined) linked = sameBytes(buf, starts[PREV_HASH]!, ends[PREV_HASH]!, prevHashFrom, prevHashTo);
          else {
            const prevHash = row ? row[PREV_HASH] : text(buf, starts[PREV_HASH]!, ends[PREV_HASH]!);
            linked = prevHash === (prevText !== undefined ? prevText : text(buf, prevHashFrom, prevHashTo));
          }
          if (!linked) {
            result.stop = {
              index,
              stage: 1,
              problem: { kind: "broken_link", seq, lookUpId: true, detail: "the event does not follow the previous one (inserted or reordered)" },
            };
            break;
          }
          // Both this event and its predecessor were timed by the database, which never goes back.
          if (seq > start.timeOrderFromSeq) {
            const backwards = at === null && prevAt === null ? lessBytes(curIso, prevIso) : earlier(at ?? latin1(curIso), prevAt ?? latin1(prevIso));
            if (backwards) {
              const now = at ?? latin1(curIso);
              const before = prevAt ?? latin1(prevIso);
              result.stop = {
                index,
                stage: 1,
                problem: {
                  kind: "time_went_backwards",
                  seq,
                  lookUpId: true,
                  detail: `the event is dated ${now}, before the previous event (${before}): backdated, or the previous one postdated`,
                },
              };
              break;
            }
          }
        }
        stage = 2;
        if (seq === start.checkpointSeq) result.hashAtCheckpoint = row ? row[HASH] : text(buf, starts[HASH]!, ends[HASH]!);
        if (row ? row[ACTION] === "audit.pruned" : sameAs(buf, starts[ACTION]!, ends[ACTION]!, PRUNED)) {
          const pruned = JSON.parse(row ? row[DATA] : buf.toString("utf8", starts[DATA]!, ends[DATA]!)) as { throughSeq?: unknown; anchorHash?: unknown };
          result.prunes.push([Number(pruned.throughSeq), pruned.anchorHash]);
        }
        // This event passed: it is the previous one for the next.
        prevSeq = seq;
        if (row) {
          prevText = row[HASH];
          prevAt = at;
        } else {
          prevText = undefined;
          prevHashFrom = starts[HASH]!;
          prevHashTo = ends[HASH]!;
          prevAt = null;
          const swap = prevIso;
          prevIso = curIso;
          curIso = swap;
        }
        result.passed++;
        index++;
      } catch (error) {
        result.stop = { index, stage, error: error instanceof Error ? error.message : String(error) };
        break;
      }
    }
    if (result.passed > 0) {
      result.last = {
        seq: prevSeq,
        hash: prevText !== undefined ? prevText : text(buf, prevHashFrom, prevHashTo),
        at: prevAt ?? latin1(prevIso),
      };
    }
    return result;
  }

  private sealed(seq: number, row: ChainRow): boolean {
    const seal = this.seals.get(seq);
    return seal !== undefined && seal.by > seq && sealOfRow(row) === seal.seal;
  }

  /**
   * Finds the columns of the line at `p` and notes, per column, backslashes, quotes, control characters,
   * non-ASCII bytes and NULLs (exactly \N). Returns the position after the line break. The text columns are
   * read byte by byte; the data and hash columns, most of a line, only searched for their end and for a
   * backslash (natively), since only a backslash there changes how they are read.
   */
  private scan(buf: Buffer, p: number): number {
    const { starts, ends } = this;
    const found = buf.indexOf(NL, p);
    const end = found < 0 ? buf.length : found;
    let column = 0;
    let bit = 1;
    let backslashes = 0;
    let quotes = 0;
    let controls = 0;
    let nonAscii = 0;
    let wellFormed = true;
    for (; column < 11; column++, bit <<= 1) {
      starts[column] = p;
      if (column === DATA || column === PREV_HASH || column === HASH) {
        let e = column === HASH ? end : buf.indexOf(TAB, p);
        if (column === HASH) {
          const tab = buf.indexOf(TAB, p);
          if (tab >= 0 && tab < end) wellFormed = false; // more than eleven columns
        } else if (e < 0 || e > end) {
          wellFormed = false;
          e = end;
        }
        if (this.backslashFrom(buf, p) < e) backslashes |= bit;
        ends[column] = e;
        p = e + 1;
      } else {
        for (; p < end; p++) {
          const kind = BYTE_KIND[buf[p]!]!;
          if (kind === 0) continue;
          if (kind === K_TAB) break;
          if (kind === K_BACKSLASH) backslashes |= bit;
          else if (kind === K_QUOTE) quotes |= bit;
          else if (kind === K_CONTROL) controls |= bit;
          else nonAscii |= bit;
        }
        ends[column] = p;
        p++;
      }
      if (p > end && column < 10) {
        wellFormed = false; // fewer than eleven columns
        break;
      }
    }
    let nulls = 0;
    if (!wellFormed) {
      // Not eleven columns: the string path reports it as copyFields does.
      backslashes = -1;
    } else if (backslashes !== 0) {
      for (let c = 0; c < 11; c++) {
        const s = starts[c]!;
        if (ends[c]! - s === 2 && buf[s] === BACKSLASH && buf[s + 1] === N_UPPER) nulls |= 1 << c;
      }
    }
    this.backslashes = backslashes;
    this.quotes = quotes;
    this.controls = controls;
    this.nonAscii = nonAscii;
    this.nulls = nulls;
    return end + 1;
  }

  /** The first backslash at or after `p` in the batch (Infinity: none), remembered across lines. */
  private backslashFrom(buf: Buffer, p: number): number {
    if (this.backslashAt < p) {
      const i = buf.indexOf(BACKSLASH, p);
      this.backslashAt = i < 0 ? Number.POSITIVE_INFINITY : i;
    }
    return this.backslashAt;
  }

  /** canonicalRow()'s bytes, a newline and the previous hash, into `out`; its length, or -1 for the string path. */
  private canonical(buf: Buffer, iso: Uint8Array): number {
    const { starts, ends } = this;
    const need = ends[HASH]! - starts[SEQ]! + 512;
    if (this.out.length < need) {
      this.out = Buffer.allocUnsafe(need * 2);
      this.views = [];
    }
    const out = this.out;
    let o = put(out, 0, K_ACTION);
    o = this.jsonString(buf, ACTION, o);
    o = put(out, o, K_ACTOR);
    o = this.jsonString(buf, ACTOR, o);
    o = put(out, o, K_CREATED);
    o = put(out, o, iso);
    o = put(out, o, K_DATA);
    o = this.jsonb.write(buf, starts[DATA]!, ends[DATA]!, out, o);
    if (o < 0) return -1;
    o = put(out, o, K_IP);
    o = this.jsonString(buf, IP, o);
    o = put(out, o, K_ORG);
    o = put(out, o, this.org);
    o = put(out, o, K_SEQ);
    o = copy(buf, starts[SEQ]!, ends[SEQ]!, out, o);
    o = put(out, o, K_TARGET_ID);
    o = this.jsonString(buf, TARGET_ID, o);
    o = put(out, o, K_TARGET_TYPE);
    o = this.jsonString(buf, TARGET_TYPE, o);
    o = put(out, o, K_USER_AGENT);
    o = this.jsonString(buf, USER_AGENT, o);
    o = put(out, o, K_END);
    return copy(buf, starts[PREV_HASH]!, ends[PREV_HASH]!, out, o);
  }

  /** A text column as JSON.stringify writes it (its bytes need no escaping on this path), or null. */
  private jsonString(buf: Buffer, column: number, o: number): number {
    if ((this.nulls & (1 << column)) !== 0) return put(this.out, o, NULL);
    this.out[o++] = QUOTE;
    o = copy(buf, this.starts[column]!, this.ends[column]!, this.out, o);
    this.out[o++] = QUOTE;
    return o;
  }
}

function sameBytes(buf: Buffer, s1: number, e1: number, s2: number, e2: number): boolean {
  if (e1 - s1 !== e2 - s2) return false;
  for (let i = 0; i < e1 - s1; i++) if (buf[s1 + i] !== buf[s2 + i]) return false;
  return true;
}

/** a < b for two 24-byte ISO times: what earlier() does with two 24-character texts. */
function lessBytes(a: Uint8Array, b: Uint8Array): boolean {
  for (let i = 0; i < 24; i++) if (a[i] !== b[i]) return a[i]! < b[i]!;
  return false;
}

/** The hex digest against the stored hash column's bytes. */
function equalsHex(hex: string, buf: Buffer, s: number, e: number): boolean {
  if (e - s !== hex.length) return false;
  for (let i = 0; i < hex.length; i++) if (hex.charCodeAt(i) !== buf[s + i]) return false;
  return true;
}

/** Digits only, 1 to 15 of them, no leading zero: Number() of it is exact and writes it back the same. */
function plainInteger(buf: Buffer, s: number, e: number): boolean {
  const n = e - s;
  if (n < 1 || n > 15 || (n > 1 && buf[s] === ZERO)) return false;
  for (let i = s; i < e; i++) if (buf[i]! < ZERO || buf[i]! > NINE) return false;
  return true;
}

function digits(buf: Buffer, s: number, e: number): number {
  let n = 0;
  for (let i = s; i < e; i++) n = n * 10 + (buf[i]! - ZERO);
  return n;
}

/**
 * isoTime()'s common form on bytes: "YYYY-MM-DD HH:MM:SS+00" or with 1 to 6 fraction digits (an ASCII
 * column). Anything else takes the string path.
 */
function usualTime(buf: Buffer, s: number, e: number): boolean {
  const n = e - s;
  const c = buf[s]!;
  return (
    (n === 22 || (n >= 24 && n <= 29 && buf[s + 19] === 46)) &&
    c >= 49 &&
    c <= 57 &&
    buf[s + 10] === SPACE &&
    buf[e - 3] === 43 &&
    buf[e - 2] === ZERO &&
    buf[e - 1] === ZERO
  );
}

/** isoTime() of a usualTime() column, into 24 bytes: date, "T", time, ".", milliseconds (truncated), "Z". */
function writeIso(buf: Buffer, s: number, e: number, iso: Uint8Array): void {
  for (let i = 0; i < 10; i++) iso[i] = buf[s + i]!;
  iso[10] = 84; // T
  for (let i = 11; i < 19; i++) iso[i] = buf[s + i]!;
  iso[19] = 46; // .
  const fraction = e - 3 - (s + 20); // digits after the point (0 when there is none)
  for (let i = 0; i < 3; i++) iso[20 + i] = i < fraction ? buf[s + 20 + i]! : ZERO;
  iso[23] = 90; // Z
}

function latin1(bytes: Uint8Array): string {
  return String.fromCharCode(...bytes);
}

/** A column's text on the byte path (it has no escapes there, but is unescaped when it does). */
function text(buf: Buffer, s: number, e: number): string | null {
  const t = buf.toString("utf8", s, e);
  if (t === "\\N") return null;
  return t.includes("\\") ? unescapeCopy(t) : t;
}
