import type { Scoped, VisibleTicket } from "@/db/scoped";
import { now } from "@/lib/clock";
import { DEFAULT_WARNING_LEAD_MINUTES } from "./sla-calendar";
import { slaView } from "./sla-view";

/** The SLA view of a ticket the caller has already read (and so may see), for its page and its API (S9). */
export async function ticketSlaOf(s: Scoped, ticket: VisibleTicket) {
  const { clock, warningLeadMinutes } = await s.sla.clockWithLead(ticket);
  return slaView(ticket, clock, now(), (warningLeadMinutes ?? DEFAULT_WARNING_LEAD_MINUTES) * 60_000);
}
