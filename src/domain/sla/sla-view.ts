// Where a ticket stands against its SLA, for the queue, the ticket page and GET /api/tickets/{id} (S9):
// the earliest running deadline, whether the clock is paused, which targets were breached, and each
// target's own state. The ONE place that decides "at risk", "breached" or "paused" (issue 10): the UI
// only displays what this returns, with the organization's warning lead, never a rule of its own.
import type { Ticket, TicketSla, TSlaKind } from "@/db/schema";
import { type Instant, isoOrNull, msOf, type WithInstants } from "@/lib/instant";

export type TSlaState = "none" | "paused" | "breached" | "at_risk" | "on_track" | "met";

/** Timestamps as Dates or as their ISO text (the queue reads them as text, issue 15: src/lib/instant.ts). */
type SlaTicket = WithInstants<Pick<Ticket, "status" | "firstResponseDueAt" | "resolutionDueAt" | "firstRespondedAt" | "resolvedAt">>;
/** The clock columns the view is made of. */
export type SlaClock = WithInstants<
  Pick<TicketSla, "pausedSince" | "nextReplyDueAt" | "firstResponseBreachedAt" | "nextReplyBreachedAt" | "resolutionBreachedAt" | "nextDueAt">
>;

/** One target (first response or resolution): met once done, paused with the clock, else by its due time. */
function targetState(
  dueAt: Instant | null,
  doneAt: Instant | null,
  breachedAt: Instant | null | undefined,
  paused: boolean,
  at: Date,
  warningLeadMs: number,
): TSlaState {
  if (!dueAt) return "none";
  if (doneAt) return breachedAt ? "breached" : "met";
  if (breachedAt) return "breached";
  if (paused) return "paused";
  const due = msOf(dueAt);
  if (due <= at.getTime()) return "breached";
  if (due - warningLeadMs <= at.getTime()) return "at_risk";
  return "on_track";
}

export function slaView(ticket: SlaTicket, clock: SlaClock | null, at: Date, warningLeadMs: number) {
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
  else if (msOf(nextDueAt) <= at.getTime()) state = "breached";
  else if (msOf(nextDueAt) - warningLeadMs <= at.getTime()) state = "at_risk";
  else state = "on_track";
  const paused = Boolean(clock?.pausedSince) && !finished;
  return {
    state,
    nextDueAt: isoOrNull(nextDueAt),
    nextReplyDueAt: isoOrNull(clock?.nextReplyDueAt),
    pausedSince: isoOrNull(clock?.pausedSince),
    breached,
    targets: {
      firstResponse: {
        dueAt: isoOrNull(ticket.firstResponseDueAt),
        state: targetState(ticket.firstResponseDueAt, ticket.firstRespondedAt, clock?.firstResponseBreachedAt, paused, at, warningLeadMs),
      },
      resolution: {
        dueAt: isoOrNull(ticket.resolutionDueAt),
        state: targetState(ticket.resolutionDueAt, ticket.resolvedAt, clock?.resolutionBreachedAt, paused, at, warningLeadMs),
      },
    },
  };
}
export type TSlaView = ReturnType<typeof slaView>;
