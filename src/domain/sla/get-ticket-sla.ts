import type { Actor } from "@/auth/actor";
import { scoped } from "@/db/scoped";
import { requireTicket } from "@/domain/tickets/get-ticket";
import { now } from "@/lib/clock";
import { loadSlaSetup } from "./sla-calendar";
import { slaView } from "./sla-view";

/** One ticket's SLA state for its page (S9); the same visibility as the ticket itself. */
export async function getTicketSla(actor: Actor, ticketId: string) {
  const s = scoped(actor);
  const ticket = await requireTicket(actor, ticketId, s);
  const [clock, { warningLeadMs }] = await Promise.all([s.sla.clock(ticket), loadSlaSetup(s)]);
  return slaView(ticket, clock, now(), warningLeadMs);
}
