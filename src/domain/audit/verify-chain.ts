// Walks one organization's chain from its anchor and reports the first bad event (S12): an edited event
// (its hash no longer matches its content), a deleted one (a gap in the sequence), an inserted or
// reordered one (a broken link or hash), a truncated tail (fewer events than the head or the last
// signed checkpoint says), or a rewritten chain (the event at a signed checkpoint has another hash).
import type { DbOrTx } from "@/db/client";
import { AUDIT_GENESIS_HASH } from "@/db/schema";
import { unsafeChainEventsAfter, unsafeChainHead } from "@/db/unsafe-audit-chain";
import { auditEventHash } from "./audit-hash";
import { checkpointSignatureValid, type Checkpoint } from "./checkpoints";

export type ChainProblemKind =
  | "hash_mismatch"
  | "broken_link"
  | "sequence_gap"
  | "duplicate_sequence"
  | "truncated"
  | "beyond_head"
  | "head_mismatch"
  | "checkpoint_mismatch"
  | "checkpoint_signature_invalid";

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
  problem: ChainProblem | null;
}

const BATCH = 5000;

export async function verifyAuditChain(conn: DbOrTx, organizationId: string, checkpoint: Checkpoint | null = null): Promise<ChainVerification> {
  const head = await unsafeChainHead(conn, organizationId);
  const anchorSeq = head?.anchorSeq ?? 0;
  const headSeq = head?.lastSeq ?? 0;
  let expectedSeq = anchorSeq + 1;
  let expectedPrev = head?.anchorHash ?? AUDIT_GENESIS_HASH;
  let checked = 0;
  let hashAtCheckpoint: string | null = null;
  let problem: ChainProblem | null = null;

  walk: for (;;) {
    const rows = await unsafeChainEventsAfter(conn, organizationId, expectedSeq - 1, BATCH);
    for (const row of rows) {
      if (row.seq !== expectedSeq) {
        problem =
          row.seq > expectedSeq
            ? { kind: "sequence_gap", seq: expectedSeq, eventId: null, detail: `events ${expectedSeq}..${row.seq - 1} are missing` }
            : { kind: "duplicate_sequence", seq: row.seq, eventId: row.id, detail: "two events share a sequence number" };
        break walk;
      }
      if (auditEventHash(row) !== row.hash) {
        problem = { kind: "hash_mismatch", seq: row.seq, eventId: row.id, detail: "the event's content does not match its hash (edited, renumbered or forged)" };
        break walk;
      }
      if (row.prevHash !== expectedPrev) {
        problem = { kind: "broken_link", seq: row.seq, eventId: row.id, detail: "the event does not follow the previous one (inserted or reordered)" };
        break walk;
      }
      if (checkpoint && row.seq === checkpoint.seq) hashAtCheckpoint = row.hash;
      expectedPrev = row.hash;
      expectedSeq += 1;
      checked += 1;
    }
    if (rows.length < BATCH) break;
  }

  const lastSeq = expectedSeq - 1;
  if (!problem && lastSeq < headSeq) {
    problem = { kind: "truncated", seq: lastSeq + 1, eventId: null, detail: `the head records ${headSeq} events, the table ends at ${lastSeq}` };
  }
  if (!problem && lastSeq > headSeq) {
    problem = { kind: "beyond_head", seq: headSeq + 1, eventId: null, detail: "events exist beyond the recorded head" };
  }
  if (!problem && head && head.lastSeq > anchorSeq && head.lastHash !== expectedPrev) {
    problem = { kind: "head_mismatch", seq: lastSeq, eventId: null, detail: "the head's hash differs from the last event's" };
  }
  if (!problem && checkpoint) {
    if (!checkpointSignatureValid(checkpoint)) {
      problem = { kind: "checkpoint_signature_invalid", seq: checkpoint.seq, eventId: null, detail: "the stored checkpoint is not signed by this server" };
    } else if (checkpoint.seq > lastSeq) {
      problem = { kind: "truncated", seq: lastSeq + 1, eventId: null, detail: `a signed checkpoint covers ${checkpoint.seq} events, the chain ends at ${lastSeq}` };
    } else if (checkpoint.seq > anchorSeq && hashAtCheckpoint !== checkpoint.hash) {
      problem = { kind: "checkpoint_mismatch", seq: checkpoint.seq, eventId: null, detail: "the chain was rewritten: the event at the signed checkpoint has another hash" };
    }
  }
  return { ok: !problem, organizationId, checkedEvents: checked, anchorSeq, lastSeq, headSeq, checkpointSeq: checkpoint?.seq ?? null, problem };
}
