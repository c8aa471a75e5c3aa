// The one SLA module (S9). Deadlines are pure functions of the policy and the ticket's timestamps, so they
// can be tested with a fake clock. Business hours, pauses and breach detection arrive with issue 4.
import type { SlaPolicy, Ticket } from "@/db/schema";

export type SlaTargets = Pick<SlaPolicy, "firstResponseMinutes" | "resolutionMinutes">;
export type SlaDeadlines = { firstResponseDueAt: Date | null; resolutionDueAt: Date | null };

const MINUTE = 60_000;

/** Due times measured from when the ticket was opened. No policy means no deadlines. */
export function computeSlaDeadlines(policy: SlaTargets | null, openedAt: Date): SlaDeadlines {
  if (!policy) return { firstResponseDueAt: null, resolutionDueAt: null };
  return {
    firstResponseDueAt: new Date(openedAt.getTime() + policy.firstResponseMinutes * MINUTE),
    resolutionDueAt: new Date(openedAt.getTime() + policy.resolutionMinutes * MINUTE),
  };
}

/**
 * A priority change re-targets the ticket from its original start, not from now: a ticket raised to
 * urgent after two hours is already two hours into its urgent budget.
 */
export function recomputeSlaOnPriorityChange(ticket: Pick<Ticket, "createdAt">, newPolicy: SlaTargets | null): SlaDeadlines {
  return computeSlaDeadlines(newPolicy, ticket.createdAt);
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
export function resolutionUpdate(
  ticket: Pick<Ticket, "resolvedAt">,
  nextStatus: Ticket["status"],
  at: Date,
): { resolvedAt: Date | null } | null {
  const done = nextStatus === "resolved" || nextStatus === "closed";
  if (done && !ticket.resolvedAt) return { resolvedAt: at };
  if (!done && ticket.resolvedAt) return { resolvedAt: null };
  return null;
}
