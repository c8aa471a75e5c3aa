import type { Scoped, VisibleTicket } from "@/db/scoped";
import { now } from "@/lib/clock";
import { loadSlaSetup } from "./sla-calendar";
import { slaView } from "./sla-view";

/** The SLA view of a ticket the caller has already read (and so may see), for its page and its API (S9). */
export async function ticketSlaOf(s: Scoped, ticket: VisibleTicket) {
  const [clock, { warningLeadMs }] = await Promise.all([s.sla.clock(ticket), loadSlaSetup(s)]);
  return slaView(ticket, clock, now(), warningLeadMs);
}
