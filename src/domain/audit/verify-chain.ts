// Walks one organization's chain from its anchor and reports the first bad event (S12): an edited event
// (its hash no longer matches its content), a deleted one (a gap in the sequence), an inserted or
// reordered one (a broken link or hash), a truncated tail (fewer events than the head or the last
// signed checkpoint says), or a rewritten chain (the event at a signed checkpoint has another hash).
// Issue 9 item 3: an anchor moved by anything but the database's audit_prune() (no "audit.pruned" event
// records it), or moved past a signed checkpoint whose event is still inside the retention window
// (nothing legitimate removes such an event), is tampering — even when the rest verifies with 0 events.
// Migration 0011: event times are the database's and never run backwards, so an event earlier than its
// predecessor is backdated (time_went_backwards) — checked from the head's db_time_from_seq on, since
// older events carry the app servers' clocks. A checkpoint signed before checkpoints carried eventAt is
// handled by name (checkpointEventTime), not by quietly reading its signing time as the event's.
import type { Database } from "@/db/client";
import { AUDIT_GENESIS_HASH } from "@/db/schema";
import { unsafeReadChain } from "@/db/audit-chain/unsafe-audit-chain";
import { now } from "@/lib/clock";
import { checkpointSignatureValid, type Checkpoint } from "./checkpoints";
import { type WalkOptions, walkChain } from "./walk-chain";

export type ChainProblemKind =
  | "hash_mismatch"
  | "broken_link"
  | "sequence_gap"
  | "duplicate_sequence"
  | "truncated"
  | "beyond_head"
  | "head_mismatch"
  | "checkpoint_mismatch"
  | "checkpoint_signature_invalid"
  | "anchor_past_checkpoint"
  | "checkpoint_event_time_unknown"
  | "unrecorded_prune"
  | "time_went_backwards";

export interface ChainProblem {
  kind: ChainProblemKind;
  /** The first sequence number that is wrong or missing. */
  seq: number;
  eventId: string | null;
  detail: string;
}

export interface ChainVerification {
  ok: boolean;
  organizationId: string;
  checkedEvents: number;
  anchorSeq: number;
  lastSeq: number;
  headSeq: number;
  checkpointSeq: number | null;
  /** Time order is checked from this event on (the first the database timed); earlier ones carry the app's clock. */
  timeOrderFromSeq: number;
  /** When the last verified event was written (signed into the next checkpoint). */
  lastEventAt: string | null;
  problem: ChainProblem | null;
}

const DAY_MS = 86_400_000;

/**
 * When the event at a checkpoint was written. Checkpoints signed before eventAt existed (before migration
 * 0008's release) only say when they were signed: the event was written no later than that, so the signing
 * time is an upper bound — `exact: false` makes every caller decide what an upper bound proves.
 */
function checkpointEventTime(checkpoint: Checkpoint): { at: number; exact: boolean } {
  if (checkpoint.eventAt !== undefined) return { at: Date.parse(checkpoint.eventAt), exact: true };
  return { at: Date.parse(checkpoint.at), exact: false };
}

/**
 * Whether pruning past a checkpoint's event was allowed: "no" inside the retention window (or when the
 * chain is kept forever), "yes" outside it, "unknown" when only an upper bound of the event's time is
 * known and that bound lies inside the window (the event may be older than the window, or not).
 */
function prunablePastCheckpoint(checkpoint: Checkpoint, retentionDays: number | null): "yes" | "no" | "unknown" {
  if (retentionDays === null) return "no"; // kept forever: nothing may ever be pruned
  const windowStart = now().getTime() - retentionDays * DAY_MS;
  const written = checkpointEventTime(checkpoint);
  if (written.at <= windowStart) return "yes";
  return written.exact ? "no" : "unknown";
}

/** `options`: how the walk spreads its work (worker threads for a long chain by default; see walk-chain.ts). */
export async function verifyAuditChain(
  conn: Database,
  organizationId: string,
  checkpoint: Checkpoint | null = null,
  options: WalkOptions = {},
): Promise<ChainVerification> {
  // The head and the events in one snapshot: events appended meanwhile are not "beyond the head".
  const { head, walked } = await unsafeReadChain(conn, organizationId, async (chain) => ({
    head: chain.head,
    walked: await walkChain(
      chain,
      {
        organizationId,
        anchorSeq: chain.head?.anchorSeq ?? 0,
        anchorHash: chain.head?.anchorHash ?? AUDIT_GENESIS_HASH,
        timeOrderFromSeq: chain.head?.dbTimeFromSeq ?? 1,
        checkpointSeq: checkpoint?.seq ?? null,
      },
      { expectedEvents: (chain.head?.lastSeq ?? 0) - (chain.head?.anchorSeq ?? 0), ...options },
    ),
  }));
  const anchorSeq = head?.anchorSeq ?? 0;
  const headSeq = head?.lastSeq ?? 0;
  const timeOrderFromSeq = head?.dbTimeFromSeq ?? 1;
  const { checked, hashAtCheckpoint, lastEventAt, prunes } = walked;
  let problem: ChainProblem | null = walked.problem;
  const expectedPrev = walked.lastHash;

  const lastSeq = walked.lastSeq;
  if (!problem && lastSeq < headSeq) {
    problem = { kind: "truncated", seq: lastSeq + 1, eventId: null, detail: `the head records ${headSeq} events, the table ends at ${lastSeq}` };
  }
  if (!problem && lastSeq > headSeq) {
    problem = { kind: "beyond_head", seq: headSeq + 1, eventId: null, detail: "events exist beyond the recorded head" };
  }
  if (!problem && head && head.lastSeq > anchorSeq && head.lastHash !== expectedPrev) {
    problem = { kind: "head_mismatch", seq: lastSeq, eventId: null, detail: "the head's hash differs from the last event's" };
  }
  const anchorHash = head?.anchorHash ?? AUDIT_GENESIS_HASH;
  // The anchor of chains that predate the chain (migration 0004) keeps the genesis hash; any other
  // anchor was set by a pruning, whose "audit.pruned" event stays in the chain (the newest is never pruned).
  if (!problem && anchorSeq > 0 && anchorHash !== AUDIT_GENESIS_HASH && prunes.get(anchorSeq) !== anchorHash) {
    problem = {
      kind: "unrecorded_prune",
      seq: anchorSeq,
      eventId: null,
      detail: `the chain starts after event ${anchorSeq} but no audit.pruned event records that pruning`,
    };
  }
  if (!problem && checkpoint) {
    const passed = checkpoint.seq <= anchorSeq && checkpoint.seq > 0; // pruned past the checkpoint's event
    const prunable = passed ? prunablePastCheckpoint(checkpoint, head?.retentionDays ?? null) : "yes";
    if (!checkpointSignatureValid(checkpoint)) {
      problem = { kind: "checkpoint_signature_invalid", seq: checkpoint.seq, eventId: null, detail: "the stored checkpoint is not signed by this server" };
    } else if (prunable !== "yes") {
      problem =
        prunable === "no"
          ? {
              kind: "anchor_past_checkpoint",
              seq: checkpoint.seq,
              eventId: null,
              detail: `events through ${anchorSeq} were removed, but the signed checkpoint at ${checkpoint.seq} is newer than the retention window`,
            }
          : {
              kind: "checkpoint_event_time_unknown",
              seq: checkpoint.seq,
              eventId: null,
              detail: `events through ${anchorSeq} were removed; the signed checkpoint at ${checkpoint.seq} predates recorded event times and was signed at ${checkpoint.at}, inside the retention window, so whether its event was old enough to prune cannot be decided (see docs/security.md)`,
            };
    } else if (checkpoint.seq === anchorSeq && checkpoint.seq > 0 && anchorHash !== checkpoint.hash) {
      problem = { kind: "checkpoint_mismatch", seq: checkpoint.seq, eventId: null, detail: "the chain's anchor differs from the signed checkpoint's hash" };
    } else if (checkpoint.seq > lastSeq) {
      problem = {
        kind: "truncated",
        seq: lastSeq + 1,
        eventId: null,
        detail: `a signed checkpoint covers ${checkpoint.seq} events, the chain ends at ${lastSeq}`,
      };
    } else if (checkpoint.seq > anchorSeq && hashAtCheckpoint !== checkpoint.hash) {
      problem = {
        kind: "checkpoint_mismatch",
        seq: checkpoint.seq,
        eventId: null,
        detail: "the chain was rewritten: the event at the signed checkpoint has another hash",
      };
    }
  }
  return {
    ok: !problem,
    organizationId,
    checkedEvents: checked,
    anchorSeq,
    lastSeq,
    headSeq,
    checkpointSeq: checkpoint?.seq ?? null,
    timeOrderFromSeq,
    lastEventAt,
    problem,
  };
}
