// Keeps a ticket's SLA clock and deadlines in step with its changes (S9). Called by the use-cases that
// make the change (create, update, comment) inside their transaction, before they write their own audit
// event: the clock row is locked after the ticket row and before the audit chain head, the same order the
// breach scan takes (it locks clock rows only), so the two never wait on each other in a circle.
import type { Ticket, TicketSla, TTicketPriority } from "@/db/schema";
import type { Scoped, VisibleTicket } from "@/db/scoped";
import { loadSlaSetup } from "./sla-calendar";
import {
  applyStatus,
  deadlinesFor,
  nextCheckAt,
  nextDueAt,
  onAgentPublicReply,
  onRequesterReply,
  pausesClock,
  runningDeadlines,
  startClock,
  type AllSlaDeadlines,
  type SlaClock,
  type SlaProgress,
} from "./sla-deadlines";

export type SlaTicketPatch = Partial<Pick<Ticket, "firstResponseDueAt" | "resolutionDueAt">>;
type After = SlaProgress & { priority: TTicketPriority };
type Reply = { byStaff: boolean; internal: boolean };

const iso = (d: Date | null | undefined) => d?.toISOString() ?? null;
const auditView = (d: AllSlaDeadlines, clock: SlaClock) => ({
  firstResponseDueAt: iso(d.firstResponseDueAt),
  nextReplyDueAt: iso(d.nextReplyDueAt),
  resolutionDueAt: iso(d.resolutionDueAt),
  pausedSince: iso(clock.pausedSince),
});

/** Deadlines for a ticket about to be opened (the ticket row stores the contract's two due times). */
export async function planNewTicketSla(s: Scoped, priority: TTicketPriority, openedAt: Date) {
  const policy = await s.slaPolicies.forPriority(priority);
  const setup = await loadSlaSetup(s);
  const deadlines = deadlinesFor(policy, startClock(openedAt), setup.calendar);
  const noBreaches = { firstResponseBreachedAt: null, nextReplyBreachedAt: null, resolutionBreachedAt: null };
  const due = nextDueAt(runningDeadlines(deadlines, startClock(openedAt), { status: "open", firstRespondedAt: null, resolvedAt: null }, noBreaches));
  return {
    policy,
    setup,
    openedAt,
    deadlines,
    // The clock's due time goes into the new row itself (tickets.sla_due_at, issue 15), so the trigger
    // that copies it from the clock finds it in place and writes no second version of the row.
    ticketColumns: { firstResponseDueAt: deadlines.firstResponseDueAt, resolutionDueAt: deadlines.resolutionDueAt, ...(due ? { slaDueAt: due } : {}) },
  };
}

/** Starts the clock of a ticket just inserted with the planned deadlines (audited with the creation). */
export async function startTicketSla(s: Scoped, ticket: VisibleTicket, plan: Awaited<ReturnType<typeof planNewTicketSla>>): Promise<void> {
  const clock = startClock(plan.openedAt);
  const running = runningDeadlines(plan.deadlines, clock, ticket, { firstResponseBreachedAt: null, nextReplyBreachedAt: null, resolutionBreachedAt: null });
  await s.sla.saveClock(ticket, {
    ...clock,
    nextReplyDueAt: null,
    nextDueAt: nextDueAt(running),
    nextCheckAt: nextCheckAt(running, plan.setup.warningLeadMs, plan.openedAt, false),
  });
}

/** The deadlines a new ticket starts with, for the creating use-case's own audit event. */
export function slaAuditData(plan: Awaited<ReturnType<typeof planNewTicketSla>>) {
  return { sla: auditView(plan.deadlines, startClock(plan.openedAt)) };
}

function clockOf(row: TicketSla): SlaClock {
  return {
    startedAt: row.startedAt,
    pausedMs: row.pausedMs,
    pausedSince: row.pausedSince,
    nextReplyStartedAt: row.nextReplyStartedAt,
    nextReplyPauseBaseMs: row.nextReplyPauseBaseMs,
  };
}

/**
 * Moves the clock for a change of status or priority, or a reply, and stores the new deadlines. Returns
 * the ticket's due-time columns when they changed, for the caller's ticket update.
 */
export async function reviseTicketSla(s: Scoped, before: VisibleTicket, after: After, at: Date, reply?: Reply): Promise<SlaTicketPatch> {
  const policy = await s.slaPolicies.forPriority(after.priority);
  const { calendar, warningLeadMs } = await loadSlaSetup(s);
  const row = await s.sla.clock(before, { forUpdate: true });
  // Tickets from before the engine (or from the demo seed) get their clock on their first change.
  const previous: SlaClock = row
    ? clockOf(row)
    : { ...startClock(before.createdAt), pausedSince: pausesClock(before.status, policy) ? before.updatedAt : null };

  let clock = previous;
  if (after.status !== before.status) clock = applyStatus(clock, after.status, policy, calendar, at);
  if (reply?.byStaff && !reply.internal) clock = onAgentPublicReply(clock);
  if (reply && !reply.byStaff) clock = onRequesterReply(clock, before, calendar, at);

  const oldDeadlines: AllSlaDeadlines = {
    firstResponseDueAt: before.firstResponseDueAt,
    resolutionDueAt: before.resolutionDueAt,
    nextReplyDueAt: row?.nextReplyDueAt ?? null,
  };
  const deadlines = deadlinesFor(policy, clock, calendar);
  const newCycle = clock.nextReplyStartedAt?.getTime() !== previous.nextReplyStartedAt?.getTime();
  const breaches = {
    firstResponseBreachedAt: row?.firstResponseBreachedAt ?? null,
    resolutionBreachedAt: row?.resolutionBreachedAt ?? null,
    // A new requester message starts a new next-reply clock, which has not breached yet.
    nextReplyBreachedAt: newCycle ? null : (row?.nextReplyBreachedAt ?? null),
  };
  const running = runningDeadlines(deadlines, clock, after, breaches);
  await s.sla.saveClock(before, {
    ...clock,
    ...breaches,
    nextReplyDueAt: deadlines.nextReplyDueAt,
    nextDueAt: nextDueAt(running),
    nextCheckAt: nextCheckAt(running, warningLeadMs, at, false),
  });

  const from = auditView(oldDeadlines, previous);
  const to = auditView(deadlines, clock);
  if (JSON.stringify(from) !== JSON.stringify(to)) {
    const cause = reply ? (reply.byStaff ? "agent_reply" : "requester_reply") : after.priority !== before.priority ? "priority_changed" : "status_changed";
    await s.audit.record({ action: "sla.deadlines_changed", targetType: "ticket", targetId: before.id, data: { cause, from, to } });
  }

  const patch: SlaTicketPatch = {};
  if (iso(deadlines.firstResponseDueAt) !== iso(before.firstResponseDueAt)) patch.firstResponseDueAt = deadlines.firstResponseDueAt;
  if (iso(deadlines.resolutionDueAt) !== iso(before.resolutionDueAt)) patch.resolutionDueAt = deadlines.resolutionDueAt;
  return patch;
}
