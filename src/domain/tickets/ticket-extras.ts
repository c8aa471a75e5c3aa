import { can } from "@/auth/actor";
import { ticketAudience } from "@/auth/ticket-audience";
import type { Scoped, VisibleTicket } from "@/db/scoped";
import { ticketSlaOf } from "@/domain/sla/get-ticket-sla";
import type { TicketExtras } from "./ticket-dto";

/**
 * The staff-only additions of one ticket (its SLA view, its tags) for toTicketDto. For a requester nothing
 * is even read (F6): toTicketDto would drop it anyway.
 */
export async function ticketExtrasOf(s: Scoped, ticket: VisibleTicket, want: { sla: boolean }): Promise<TicketExtras> {
  if (ticketAudience(s.actor) !== "staff") return {};
  const [sla, tags] = await Promise.all([want.sla ? ticketSlaOf(s, ticket) : undefined, can(s.actor, "tags.read") ? s.tags.ofTicket(ticket) : undefined]);
  return { sla, tags };
}
