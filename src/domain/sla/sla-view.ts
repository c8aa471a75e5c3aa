// Where a ticket stands against its SLA, for the queue and the ticket page (S9): the earliest running
// deadline, whether the clock is paused, and which targets were breached.
import type { Ticket, TicketSla, TSlaKind } from "@/db/schema";

export type TSlaState = "none" | "paused" | "breached" | "at_risk" | "on_track" | "met";

export function slaView(ticket: Pick<Ticket, "status" | "firstResponseDueAt" | "resolutionDueAt">, clock: TicketSla | null, at: Date, warningLeadMs: number) {
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
  return {
    state,
    nextDueAt: nextDueAt?.toISOString() ?? null,
    nextReplyDueAt: clock?.nextReplyDueAt?.toISOString() ?? null,
    pausedSince: clock?.pausedSince?.toISOString() ?? null,
    breached,
  };
}
export type TSlaView = ReturnType<typeof slaView>;
