// The one SLA module (S9). Deadlines are pure functions of the policy, the business calendar and the
// ticket's clock, so they are tested with a fake clock. The clock counts business time from the ticket's
// original start; pauses (pending/on hold when the policy says so, and the time a ticket spent resolved)
// are measured in business time too and push every running deadline back by exactly that much.
import type { SlaPolicy, Ticket, TicketSla, TSlaKind, TTicketStatus } from "@/db/schema";
import { addBusinessMs, ALWAYS_OPEN, businessMsBetween, type BusinessCalendar } from "./business-hours";

export type SlaTargets = Pick<SlaPolicy, "firstResponseMinutes" | "resolutionMinutes"> & Partial<Pick<SlaPolicy, "nextReplyMinutes" | "pauseWhenPending">>;
export type SlaDeadlines = { firstResponseDueAt: Date | null; resolutionDueAt: Date | null };
export type AllSlaDeadlines = SlaDeadlines & { nextReplyDueAt: Date | null };

/** The clock's bookkeeping (a ticket_sla row without its keys and derived columns). */
export type SlaClock = Pick<TicketSla, "startedAt" | "pausedMs" | "pausedSince" | "nextReplyStartedAt" | "nextReplyPauseBaseMs">;
/** What the ticket itself says about the targets. */
export type SlaProgress = Pick<Ticket, "status" | "firstRespondedAt" | "resolvedAt">;
export type SlaBreaches = Pick<TicketSla, "firstResponseBreachedAt" | "nextReplyBreachedAt" | "resolutionBreachedAt">;

const MINUTE = 60_000;

export function startClock(at: Date): SlaClock {
  return { startedAt: at, pausedMs: 0, pausedSince: null, nextReplyStartedAt: null, nextReplyPauseBaseMs: 0 };
}

/** Finished tickets never run against their targets; waiting ones only if the policy pauses them. */
export function pausesClock(status: TTicketStatus, policy: Pick<SlaTargets, "pauseWhenPending"> | null): boolean {
  if (status === "resolved" || status === "closed") return true;
  return (status === "pending" || status === "on_hold") && (policy?.pauseWhenPending ?? true);
}

/**
 * Due times of every target. A priority change calls this with the new policy and the same clock, so it
 * re-targets from the original start, not from now: a ticket raised to urgent after two hours is already
 * two hours into its urgent budget. A deadline is the instant at which `target + paused` business time has
 * passed since the clock started, so elapsed time is kept and paused time is not counted. While a pause
 * is open its length is not known yet: deadlines stay where they stood when it began.
 */
export function deadlinesFor(policy: SlaTargets | null, clock: SlaClock, cal: BusinessCalendar = ALWAYS_OPEN): AllSlaDeadlines {
  if (!policy) return { firstResponseDueAt: null, resolutionDueAt: null, nextReplyDueAt: null };
  const due = (from: Date, minutes: number, paused: number) => addBusinessMs(cal, from, minutes * MINUTE + paused);
  return {
    firstResponseDueAt: due(clock.startedAt, policy.firstResponseMinutes, clock.pausedMs),
    resolutionDueAt: due(clock.startedAt, policy.resolutionMinutes, clock.pausedMs),
    nextReplyDueAt:
      clock.nextReplyStartedAt && policy.nextReplyMinutes != null
        ? due(clock.nextReplyStartedAt, policy.nextReplyMinutes, clock.pausedMs - clock.nextReplyPauseBaseMs)
        : null,
  };
}

/** Due times measured from when the ticket was opened (a fresh clock). No policy means no deadlines. */
export function computeSlaDeadlines(policy: SlaTargets | null, openedAt: Date, cal: BusinessCalendar = ALWAYS_OPEN): SlaDeadlines {
  const { firstResponseDueAt, resolutionDueAt } = deadlinesFor(policy, startClock(openedAt), cal);
  return { firstResponseDueAt, resolutionDueAt };
}

/** Opens or closes a pause when the status moves into or out of a pausing status. */
export function applyStatus(clock: SlaClock, nextStatus: TTicketStatus, policy: SlaTargets | null, cal: BusinessCalendar, at: Date): SlaClock {
  const pause = pausesClock(nextStatus, policy);
  if (pause && !clock.pausedSince) return { ...clock, pausedSince: at };
  if (!pause && clock.pausedSince) return { ...clock, pausedSince: null, pausedMs: clock.pausedMs + businessMsBetween(cal, clock.pausedSince, at) };
  return clock;
}

/**
 * A requester's message starts the next-reply clock once the first response is on record. The oldest
 * unanswered message counts, so a second message does not buy the agents more time.
 */
export function onRequesterReply(clock: SlaClock, progress: Pick<SlaProgress, "firstRespondedAt">, cal: BusinessCalendar, at: Date): SlaClock {
  if (!progress.firstRespondedAt || clock.nextReplyStartedAt) return clock;
  // A pause that is open now only counts for this clock from this moment on.
  const base = clock.pausedMs + (clock.pausedSince ? businessMsBetween(cal, clock.pausedSince, at) : 0);
  return { ...clock, nextReplyStartedAt: at, nextReplyPauseBaseMs: base };
}

/** A public agent reply answers whatever the requester was waiting for. */
export function onAgentPublicReply(clock: SlaClock): SlaClock {
  if (!clock.nextReplyStartedAt) return clock;
  return { ...clock, nextReplyStartedAt: null, nextReplyPauseBaseMs: 0 };
}

/** The first public reply by staff records the first response; later replies change nothing. */
export function firstResponseUpdate(
  ticket: Pick<Ticket, "firstRespondedAt">,
  reply: { byStaff: boolean; internal: boolean; at: Date },
): { firstRespondedAt: Date } | null {
  if (ticket.firstRespondedAt || !reply.byStaff || reply.internal) return null;
  return { firstRespondedAt: reply.at };
}

/** Resolution time is set when a ticket becomes resolved/closed and cleared when it is reopened. */
export function resolutionUpdate(ticket: Pick<Ticket, "resolvedAt">, nextStatus: Ticket["status"], at: Date): { resolvedAt: Date | null } | null {
  const done = nextStatus === "resolved" || nextStatus === "closed";
  if (done && !ticket.resolvedAt) return { resolvedAt: at };
  if (!done && ticket.resolvedAt) return { resolvedAt: null };
  return null;
}

export type RunningDeadline = { kind: TSlaKind; dueAt: Date; clockStartedAt: Date; breached: boolean };

/** The deadlines the ticket is running against right now: unmet, not paused, with a due time. */
export function runningDeadlines(deadlines: AllSlaDeadlines, clock: SlaClock, progress: SlaProgress, breaches: SlaBreaches): RunningDeadline[] {
  if (clock.pausedSince) return [];
  const out: RunningDeadline[] = [];
  if (deadlines.firstResponseDueAt && !progress.firstRespondedAt) {
    out.push({ kind: "first_response", dueAt: deadlines.firstResponseDueAt, clockStartedAt: clock.startedAt, breached: !!breaches.firstResponseBreachedAt });
  }
  if (deadlines.nextReplyDueAt && clock.nextReplyStartedAt) {
    out.push({ kind: "next_reply", dueAt: deadlines.nextReplyDueAt, clockStartedAt: clock.nextReplyStartedAt, breached: !!breaches.nextReplyBreachedAt });
  }
  if (deadlines.resolutionDueAt && !progress.resolvedAt) {
    out.push({ kind: "resolution", dueAt: deadlines.resolutionDueAt, clockStartedAt: clock.startedAt, breached: !!breaches.resolutionBreachedAt });
  }
  return out;
}

/** The earliest running deadline, breached ones included: what the queue sorts and filters on. */
export function nextDueAt(running: RunningDeadline[]): Date | null {
  return running.reduce<Date | null>((min, r) => (!min || r.dueAt < min ? r.dueAt : min), null);
}

/**
 * When the breach scan must look next: the warning moment of each unbreached deadline, or its due time
 * once the warning has been dealt with. Past moments are fine: the scan picks them up on its next run.
 */
export function nextCheckAt(running: RunningDeadline[], leadMs: number, now: Date, warningsHandled: boolean): Date | null {
  let min: number | null = null;
  for (const r of running) {
    if (r.breached) continue;
    const warnAt = r.dueAt.getTime() - leadMs;
    const at = warningsHandled && warnAt <= now.getTime() ? r.dueAt.getTime() : warnAt;
    min = min === null || at < min ? at : min;
  }
  return min === null ? null : new Date(min);
}
