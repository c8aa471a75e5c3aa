import type { Actor } from "@/auth/actor";
import { ticketAudience } from "@/auth/ticket-audience";
import { scoped } from "@/db/scoped";
import { requireTicket } from "./get-ticket";
import { toTicketDto } from "./ticket-dto";
import { ticketExtrasOf } from "./ticket-extras";

/**
 * GET /api/tickets/{id}: the ticket as the caller's audience sees it (F6); for staff with the same `sla`
 * view the queue shows (issue 10, S9) and its tags.
 */
export async function getTicketDetail(actor: Actor, id: string) {
  const s = scoped(actor);
  const ticket = await requireTicket(actor, id, s);
  return toTicketDto(ticket, ticketAudience(actor), await ticketExtrasOf(s, ticket, { sla: true }));
}
