// The verifier's walk over one organization's events, from the anchor to the last (S12): the first event
// that is missing, duplicated, edited, out of its link or dated before its predecessor. What it finds,
// verify-chain.ts compares with the head and the signed checkpoint.
//
// Issue 15: it walks hundreds of thousands of events a second. The events stream (one COPY, read while the
// previous rows are hashed) as raw column text, and each event's canonical JSON is written straight
// from its columns in hash.ts's layout (canonicalEvent) — no row objects, no Date or jsonb parsing by the
// driver; times stay ISO text (isoTime), compared as text. The checks and their order are those of auditEventHash() over a parsed row; the unit test
// walk-chain.test.ts holds the two encodings together.
import type { ChainRow, ChainSnapshot } from "@/db/audit-chain/unsafe-audit-chain";
import { hash as digest } from "node:crypto";
import { canonicalJson, chainHash } from "@/db/audit-chain/hash";
import { canonicalFromJsonbText } from "@/db/audit-chain/jsonb-canonical";
import type { ChainProblem } from "./verify-chain";

export interface WalkStart {
  organizationId: string;
  anchorSeq: number;
  anchorHash: string;
  timeOrderFromSeq: number;
  checkpointSeq: number | null;
}

export interface Walked {
  problem: ChainProblem | null;
  checked: number;
  /** The last event that passed (the anchor when none did) and its hash. */
  lastSeq: number;
  lastHash: string;
  hashAtCheckpoint: string | null;
  lastEventAt: string | null;
  /** "audit.pruned" events, written only by the database's audit_prune(): throughSeq -> anchor hash. */
  prunes: Map<number, unknown>;
}

function sealed(seal: { seal: string; by: number } | undefined, seq: number, row: ChainRow): boolean {
  return seal !== undefined && seal.by > seq && sealOfRow(row) === seal.seal;
}

const json = (v: string | null) => (v === null ? "null" : JSON.stringify(v));

/**
 * The canonical JSON of a streamed row: canonicalEvent() of the parsed row, byte for byte. `orgText` is the
 * organization id as PostgreSQL writes a uuid; `createdAtIso` the row's time in ISO form.
 */
export function canonicalRow(row: ChainRow, orgText: string, createdAtIso: string): string {
  const [seq, actorId, action, targetType, targetId, dataText, ip, userAgent] = row;
  // jsonb text straight to canonical JSON; what the fast path will not copy as written goes through JSON.parse.
  const data = canonicalFromJsonbText(dataText) ?? canonicalJson(JSON.parse(dataText));
  return (
    `{"action":${JSON.stringify(action)},"actorId":${json(actorId)},"createdAt":"${createdAtIso}","data":${data},"ip":${json(ip)},` +
    `"organizationId":"${orgText}","seq":${Number(seq)},"targetId":${json(targetId)},"targetType":${JSON.stringify(targetType)},"userAgent":${json(userAgent)}}`
  );
}

/**
 * The event time PostgreSQL sends (ISO style, UTC: "2026-01-01 09:30:00.123456+00") as Date.toISOString()
 * writes the Date the driver would make of it: milliseconds, truncated. The common form is cut and padded;
 * anything else (another year width, BC) goes through Date, as the driver's mapping did.
 */
export function isoTime(text: string): string {
  const c = text.charCodeAt(0);
  if (text.length >= 22 && c >= 49 && c <= 57 && text[10] === " " && text.endsWith("+00") && (text.length === 22 || text[19] === ".")) {
    const ms = text.length === 22 ? "000" : `${text.slice(20, Math.min(23, text.length - 3))}00`.slice(0, 3);
    return `${text.slice(0, 10)}T${text.slice(11, 19)}.${ms}Z`;
  }
  return new Date(text).toISOString();
}

/** Whether event time `a` is earlier than `b` (both from isoTime): as text when both have the fixed width. */
function earlier(a: string, b: string): boolean {
  return a.length === 24 && b.length === 24 ? a < b : Date.parse(a) < Date.parse(b);
}

/**
 * The seal of a redacted event (issue 14): SHA-256 over its stored columns as streamed, each written as
 * "<UTF-8 octets>:<text>\n" ("-\n" for NULL) after a version line — audit_seal() of migration 0027, which
 * the database computed when it redacted the event and recorded in the chained "person.erased" event.
 */
export function sealOfRow(row: ChainRow): string {
  let text = "helpdesk.audit.seal.v1\n";
  for (const f of row) text += f === null ? "-\n" : `${Buffer.byteLength(f, "utf8")}:${f}\n`;
  return digest("sha256", text, "hex");
}

export async function walkChain(chain: ChainSnapshot, start: WalkStart): Promise<Walked> {
  // Events an erasure redacted (issue 14): their hash no longer covers their content, their seal does.
  const seals = await chain.seals(start.anchorSeq);
  // The hash covers the organization id as the database writes a uuid: lower case.
  const orgText = start.organizationId.toLowerCase();
  let expectedSeq = start.anchorSeq + 1;
  let expectedPrev = start.anchorHash;
  let checked = 0;
  let hashAtCheckpoint: string | null = null;
  let lastAt: string | null = null;
  let previousAt: string | null = null; // the previous event's time (none before the first after the anchor)
  const prunes = new Map<number, unknown>();
  // Found in the walk; the event's id is looked up afterwards (the stream does not carry ids).
  let found: (Omit<ChainProblem, "eventId"> & { lookUpId: boolean }) | null = null;

  walk: for await (const rows of chain.events(start.anchorSeq)) {
    for (const row of rows) {
      const seq = Number(row[0]);
      if (seq !== expectedSeq) {
        found =
          seq > expectedSeq
            ? { kind: "sequence_gap", seq: expectedSeq, lookUpId: false, detail: `events ${expectedSeq}..${seq - 1} are missing` }
            : { kind: "duplicate_sequence", seq, lookUpId: true, detail: "two events share a sequence number" };
        break walk;
      }
      const at = isoTime(row[8]);
      const prevHash = row[9];
      const hash = row[10];
      // A redacted event keeps its original hash (the next event links to it) and must match the seal a
      // later "person.erased" event recorded; that event is verified further on in this same walk.
      if (chainHash(canonicalRow(row, orgText, at), prevHash) !== hash && !sealed(seals.get(seq), seq, row)) {
        found = { kind: "hash_mismatch", seq, lookUpId: true, detail: "the event's content does not match its hash (edited, renumbered or forged)" };
        break walk;
      }
      if (prevHash !== expectedPrev) {
        found = { kind: "broken_link", seq, lookUpId: true, detail: "the event does not follow the previous one (inserted or reordered)" };
        break walk;
      }
      // Both this event and its predecessor were timed by the database, which never goes back.
      if (seq > start.timeOrderFromSeq && previousAt !== null && earlier(at, previousAt)) {
        found = {
          kind: "time_went_backwards",
          seq,
          lookUpId: true,
          detail: `the event is dated ${at}, before the previous event (${previousAt}): backdated, or the previous one postdated`,
        };
        break walk;
      }
      previousAt = at;
      if (seq === start.checkpointSeq) hashAtCheckpoint = hash;
      if (row[2] === "audit.pruned") {
        const pruned = JSON.parse(row[5]) as { throughSeq?: unknown; anchorHash?: unknown };
        prunes.set(Number(pruned.throughSeq), pruned.anchorHash);
      }
      lastAt = at;
      expectedPrev = hash;
      expectedSeq += 1;
      checked += 1;
    }
  }

  let problem: ChainProblem | null = null;
  if (found) {
    const { lookUpId, ...rest } = found;
    problem = { ...rest, eventId: lookUpId ? await chain.eventId(found.seq) : null };
  }
  return {
    problem,
    checked,
    lastSeq: expectedSeq - 1,
    lastHash: expectedPrev,
    hashAtCheckpoint,
    lastEventAt: lastAt,
    prunes,
  };
}
