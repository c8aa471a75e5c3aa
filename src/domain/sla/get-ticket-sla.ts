import type { TicketSla } from "@/db/schema";
import type { Scoped, VisibleTicket } from "@/db/scoped";
import { now } from "@/lib/clock";
import { DEFAULT_WARNING_LEAD_MINUTES } from "./sla-calendar";
import { slaView } from "./sla-view";

/** The SLA view of a ticket the caller has already read (and so may see), for its page and its API (S9). */
export async function ticketSlaOf(s: Scoped, ticket: VisibleTicket) {
  const { clock, warningLeadMinutes } = await s.sla.clockWithLead(ticket);
  return slaViewOf(ticket, clock, warningLeadMinutes);
}

/** The same view from a clock and warning lead read with the ticket (tickets.findWithExtras). */
export function slaViewOf(ticket: VisibleTicket, clock: TicketSla | null, warningLeadMinutes: number | null) {
  return slaView(ticket, clock, now(), (warningLeadMinutes ?? DEFAULT_WARNING_LEAD_MINUTES) * 60_000);
}
