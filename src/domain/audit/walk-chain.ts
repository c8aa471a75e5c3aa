// The verifier's walk over one organization's events, from the anchor to the last (S12): the first event
// that is missing, duplicated, edited, out of its link or dated before its predecessor. What it finds,
// verify-chain.ts compares with the head and the signed checkpoint.
//
// Issue 15: it walks hundreds of thousands of events a second. The events stream in batches (the next one
// is read while this one is hashed) as raw column text, and each event's canonical JSON is written straight
// from its columns in hash.ts's layout (canonicalEvent) — no row objects, no Date or jsonb parsing by the
// driver. The checks and their order are those of auditEventHash() over a parsed row; the unit test
// walk-chain.test.ts holds the two encodings together.
import type { Database } from "@/db/client";
import { type ChainRow, unsafeEventId, unsafeStreamChain } from "@/db/audit-chain/unsafe-audit-chain";
import { canonicalJson, chainHash } from "@/db/audit-chain/hash";
import type { ChainProblem } from "./verify-chain";

/** Events per round trip: large enough that the round trip is noise, small enough to stream. */
const BATCH = 10_000;

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

const json = (v: string | null) => (v === null ? "null" : JSON.stringify(v));

/**
 * The canonical JSON of a streamed row: canonicalEvent() of the parsed row, byte for byte. `orgText` is the
 * organization id as PostgreSQL writes a uuid; `createdAtIso` the row's time in ISO form.
 */
export function canonicalRow(row: ChainRow, orgText: string, createdAtIso: string): string {
  const [seq, actorId, action, targetType, targetId, dataText, ip, userAgent] = row;
  const data = dataText === "{}" ? "{}" : canonicalJson(JSON.parse(dataText));
  return (
    `{"action":${JSON.stringify(action)},"actorId":${json(actorId)},"createdAt":"${createdAtIso}","data":${data},"ip":${json(ip)},` +
    `"organizationId":"${orgText}","seq":${Number(seq)},"targetId":${json(targetId)},"targetType":${JSON.stringify(targetType)},"userAgent":${json(userAgent)}}`
  );
}

export async function walkChain(conn: Database, start: WalkStart): Promise<Walked> {
  // The hash covers the organization id as the database writes a uuid: lower case.
  const orgText = start.organizationId.toLowerCase();
  let expectedSeq = start.anchorSeq + 1;
  let expectedPrev = start.anchorHash;
  let checked = 0;
  let hashAtCheckpoint: string | null = null;
  let lastAt: number | null = null;
  let previousAt: number | null = null; // the previous event's time (none before the first after the anchor)
  const prunes = new Map<number, unknown>();
  // Found in the walk; the event's id is looked up afterwards (the stream does not carry ids).
  let found: (Omit<ChainProblem, "eventId"> & { lookUpId: boolean }) | null = null;

  walk: for await (const rows of unsafeStreamChain(conn, start.organizationId, start.anchorSeq, BATCH)) {
    for (const row of rows) {
      const seq = Number(row[0]);
      if (seq !== expectedSeq) {
        found =
          seq > expectedSeq
            ? { kind: "sequence_gap", seq: expectedSeq, lookUpId: false, detail: `events ${expectedSeq}..${seq - 1} are missing` }
            : { kind: "duplicate_sequence", seq, lookUpId: true, detail: "two events share a sequence number" };
        break walk;
      }
      const at = Number(row[8]);
      const prevHash = row[9];
      const hash = row[10];
      if (chainHash(canonicalRow(row, orgText, new Date(at).toISOString()), prevHash) !== hash) {
        found = { kind: "hash_mismatch", seq, lookUpId: true, detail: "the event's content does not match its hash (edited, renumbered or forged)" };
        break walk;
      }
      if (prevHash !== expectedPrev) {
        found = { kind: "broken_link", seq, lookUpId: true, detail: "the event does not follow the previous one (inserted or reordered)" };
        break walk;
      }
      // Both this event and its predecessor were timed by the database, which never goes back.
      if (seq > start.timeOrderFromSeq && previousAt !== null && at < previousAt) {
        found = {
          kind: "time_went_backwards",
          seq,
          lookUpId: true,
          detail: `the event is dated ${new Date(at).toISOString()}, before the previous event (${new Date(previousAt).toISOString()}): backdated, or the previous one postdated`,
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
    problem = { ...rest, eventId: lookUpId ? await unsafeEventId(conn, start.organizationId, found.seq) : null };
  }
  return {
    problem,
    checked,
    lastSeq: expectedSeq - 1,
    lastHash: expectedPrev,
    hashAtCheckpoint,
    lastEventAt: lastAt === null ? null : new Date(lastAt).toISOString(),
    prunes,
  };
}
