// Where a ticket stands against its SLA, for the queue, the ticket page and GET /api/tickets/{id} (S9):
// the earliest running deadline, whether the clock is paused, which targets were breached, and each
// target's own state. The ONE place that decides "at risk", "breached" or "paused" (issue 10): the UI
// only displays what this returns, with the organization's warning lead, never a rule of its own.
import type { Ticket, TicketSla, TSlaKind } from "@/db/schema";

export type TSlaState = "none" | "paused" | "breached" | "at_risk" | "on_track" | "met";

type SlaTicket = Pick<Ticket, "status" | "firstResponseDueAt" | "resolutionDueAt" | "firstRespondedAt" | "resolvedAt">;

/** One target (first response or resolution): met once done, paused with the clock, else by its due time. */
function targetState(
  dueAt: Date | null,
  doneAt: Date | null,
  breachedAt: Date | null | undefined,
  paused: boolean,
  at: Date,
  warningLeadMs: number,
): TSlaState {
  if (!dueAt) return "none";
  if (doneAt) return breachedAt ? "breached" : "met";
  if (breachedAt) return "breached";
  if (paused) return "paused";
  if (dueAt.getTime() <= at.getTime()) return "breached";
  if (dueAt.getTime() - warningLeadMs <= at.getTime()) return "at_risk";
  return "on_track";
}

export function slaView(ticket: SlaTicket, clock: TicketSla | null, at: Date, warningLeadMs: number) {
  const breached: TSlaKind[] = [];
  if (clock?.firstResponseBreachedAt) breached.push("first_response");
  if (clock?.nextReplyBreachedAt) breached.push("next_reply");
  if (clock?.resolutionBreachedAt) breached.push("resolution");
  const nextDueAt = clock?.nextDueAt ?? null;
  const finished = ticket.status === "resolved" || ticket.status === "closed";
  let state: TSlaState;
  if (!ticket.firstResponseDueAt && !ticket.resolutionDueAt) state = "none";
  else if (finished) state = "met";
  else if (clock?.pausedSince) state = "paused";
  else if (!nextDueAt) state = "met";
  else if (nextDueAt.getTime() <= at.getTime()) state = "breached";
  else if (nextDueAt.getTime() - warningLeadMs <= at.getTime()) state = "at_risk";
  else state = "on_track";
  const paused = Boolean(clock?.pausedSince) && !finished;
  return {
    state,
    nextDueAt: nextDueAt?.toISOString() ?? null,
    nextReplyDueAt: clock?.nextReplyDueAt?.toISOString() ?? null,
    pausedSince: clock?.pausedSince?.toISOString() ?? null,
    breached,
    targets: {
      firstResponse: {
        dueAt: ticket.firstResponseDueAt?.toISOString() ?? null,
        state: targetState(ticket.firstResponseDueAt, ticket.firstRespondedAt, clock?.firstResponseBreachedAt, paused, at, warningLeadMs),
      },
      resolution: {
        dueAt: ticket.resolutionDueAt?.toISOString() ?? null,
        state: targetState(ticket.resolutionDueAt, ticket.resolvedAt, clock?.resolutionBreachedAt, paused, at, warningLeadMs),
      },
    },
  };
}
export type TSlaView = ReturnType<typeof slaView>;
