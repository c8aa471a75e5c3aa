// The verifier's walk over one organization's events, from the anchor to the last (S12): the first event
// that is missing, duplicated, edited, out of its link or dated before its predecessor. What it finds,
// verify-chain.ts compares with the head and the signed checkpoint.
//
// Issue 15: it walks hundreds of thousands of events a second. The events stream (one COPY) as batches of raw
// text lines; each batch is checked by chain-batch.ts — in worker threads for a long chain, so the main
// thread reads the next batches while the workers hash (chain-batch-pool.ts), or here for a short one. A
// batch checks its own events; this walk checks each batch's first event against the last one before it
// (sequence number, link, time) and takes the batches' results in order, so the first problem reported is
// the one an event-by-event walk finds, whatever the batches and threads.
import { availableParallelism } from "node:os";
import type { ChainSnapshot } from "@/db/audit-chain/unsafe-audit-chain";
import { type BatchResult, type BatchStart, ChainBatchChecker, type FoundProblem } from "./chain-batch";
import { ChainBatchPool, workerFile } from "./chain-batch-pool";
import { earlier } from "./chain-row";
import type { ChainProblem } from "./verify-chain";

export { canonicalRow, isoTime, sealOfRow } from "./chain-row";

export interface WalkStart {
  organizationId: string;
  anchorSeq: number;
  anchorHash: string;
  timeOrderFromSeq: number;
  checkpointSeq: number | null;
}

/**
 * How the walk spreads its work. Defaults: worker threads for a chain of at least `WORKER_MIN_EVENTS` (as
 * many as the machine has cores, at most 4: the main thread mostly waits on the socket), none for a shorter
 * one (starting threads costs more than it saves there), batches of `BATCH_BYTES`.
 */
export interface WalkOptions {
  /** Worker threads; 0 checks every batch in this thread. */
  threads?: number;
  /** Bytes of COPY text per batch (whole lines, so at least one line). */
  batchBytes?: number;
  /** How many events the chain should hold (the head says), to choose the default threads. */
  expectedEvents?: number;
  /** Start reading once every worker is ready, so that every batch goes to one (the tests' way to be sure). */
  awaitThreads?: boolean;
}

export const WORKER_MIN_EVENTS = 50_000;
const BATCH_BYTES = 256 * 1024;
/** Batches outstanding per worker: enough that a worker never waits for the reader, bounded in memory. */
const AHEAD_PER_THREAD = 3;

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

let poolInUse = false;

export function defaultThreads(expectedEvents: number | undefined): number {
  if (expectedEvents === undefined || expectedEvents < WORKER_MIN_EVENTS) return 0;
  return Math.min(4, Math.max(1, availableParallelism()));
}

export async function walkChain(chain: ChainSnapshot, start: WalkStart, options: WalkOptions = {}): Promise<Walked> {
  // Events an erasure redacted (issue 14): their hash no longer covers their content, their seal does.
  const seals = await chain.seals(start.anchorSeq);
  const batchStart: BatchStart = {
    // The hash covers the organization id as the database writes a uuid: lower case.
    orgText: start.organizationId.toLowerCase(),
    timeOrderFromSeq: start.timeOrderFromSeq,
    checkpointSeq: start.checkpointSeq,
    seals: [...seals].map(([seq, { seal, by }]) => [seq, seal, by]),
  };
  let expectedSeq = start.anchorSeq + 1;
  let expectedPrev: string | null = start.anchorHash;
  let checked = 0;
  let hashAtCheckpoint: string | null = null;
  let lastAt: string | null = null;
  let previousAt: string | null = null; // the previous event's time (none before the first after the anchor)
  const prunes = new Map<number, unknown>();
  // Found in the walk; the event's id is looked up afterwards (the stream does not carry ids).
  let found: FoundProblem | null = null;

  /** Takes the next batch's result; false once the walk has found its problem. */
  const take = (r: BatchResult): boolean => {
    if (r.rows === 0) return true;
    const stop = r.stop;
    const stopsFirst = (stage: 0 | 1 | 2) => stop !== null && stop.index === 0 && stop.stage === stage;
    const stopHere = (): false => {
      if (stop!.error !== undefined) throw new Error(stop!.error);
      found = stop!.problem;
      return false;
    };
    if (stopsFirst(0)) return stopHere();
    // The batch's first event against the last one before it, as the batch checks each of its others.
    const seq = r.firstSeq;
    if (seq !== expectedSeq) {
      found =
        seq > expectedSeq
          ? { kind: "sequence_gap", seq: expectedSeq, lookUpId: false, detail: `events ${expectedSeq}..${seq - 1} are missing` }
          : { kind: "duplicate_sequence", seq, lookUpId: true, detail: "two events share a sequence number" };
      return false;
    }
    const first = r.first;
    if (stopsFirst(1) || !first) return stopHere();
    if (first.prevHash !== expectedPrev) {
      found = { kind: "broken_link", seq, lookUpId: true, detail: "the event does not follow the previous one (inserted or reordered)" };
      return false;
    }
    // Both this event and its predecessor were timed by the database, which never goes back.
    if (seq > start.timeOrderFromSeq && previousAt !== null && earlier(first.at, previousAt)) {
      found = {
        kind: "time_went_backwards",
        seq,
        lookUpId: true,
        detail: `the event is dated ${first.at}, before the previous event (${previousAt}): backdated, or the previous one postdated`,
      };
      return false;
    }
    if (r.last) {
      checked += r.passed;
      expectedSeq = r.last.seq + 1;
      expectedPrev = r.last.hash;
      previousAt = lastAt = r.last.at;
      if (r.hashAtCheckpoint !== null) hashAtCheckpoint = r.hashAtCheckpoint;
      for (const [throughSeq, anchorHash] of r.prunes) prunes.set(throughSeq, anchorHash);
    }
    return stop ? stopHere() : true;
  };

  // One pool of worker threads per process at a time (security review F1): verifications asked for at
  // once (admins of several organizations, a retry loop) do not each start their own isolates; the others
  // check in their own thread meanwhile.
  const wanted = options.threads ?? defaultThreads(options.expectedEvents);
  const threads = wanted > 0 && !poolInUse ? wanted : 0;
  const batchBytes = options.batchBytes ?? BATCH_BYTES;
  const file = threads > 0 ? workerFile() : null;
  const checker = new ChainBatchChecker(batchStart);
  const lines = chain.lines(start.anchorSeq, batchBytes);
  const pool = file === null ? null : ChainBatchPool.start(file, threads, batchStart);
  if (pool !== null) poolInUse = true;
  if (pool === null) {
    for await (const batch of lines) if (!take(checker.check(batch))) break;
  } else {
    // Each batch goes to the least busy worker, or is checked here while no worker has started yet; the
    // results are taken in the batches' order, and reading waits while too many are outstanding.
    const queue: { result: BatchResult | null; promise: Promise<BatchResult> | null }[] = [];
    const settle = async (): Promise<boolean> => {
      const head = queue.shift()!;
      return take(head.result ?? (await head.promise!));
    };
    try {
      if (options.awaitThreads) await pool.ready();
      let going = true;
      for await (const batch of lines) {
        const sent = pool.offer(batch);
        if (sent) {
          const entry = { result: null as BatchResult | null, promise: sent as Promise<BatchResult> | null };
          sent.then((r) => (entry.result = r)).catch(() => {}); // taken in order below, or dropped when the walk stops first
          queue.push(entry);
        } else queue.push({ result: checker.check(batch), promise: null });
        // Take what is already done, and wait when too much is outstanding.
        while (going && queue.length > 0 && (queue[0]!.result !== null || queue.length > threads * AHEAD_PER_THREAD)) going = await settle();
        if (!going) break;
      }
      while (going && queue.length > 0) going = await settle();
    } finally {
      poolInUse = false;
      await pool.close();
    }
  }

  let problem: ChainProblem | null = null;
  if (found) {
    const { lookUpId, ...rest } = found as FoundProblem;
    problem = { ...rest, eventId: lookUpId ? await chain.eventId(rest.seq) : null };
  }
  return {
    problem,
    checked,
    lastSeq: expectedSeq - 1,
    lastHash: expectedPrev as string,
    hashAtCheckpoint,
    lastEventAt: lastAt,
    prunes,
  };
}
