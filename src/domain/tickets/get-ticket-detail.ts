import type { Actor } from "@/auth/actor";
import { scoped } from "@/db/scoped";
import { ticketSlaOf } from "@/domain/sla/get-ticket-sla";
import { tagsField } from "@/domain/tags/ticket-tags";
import { requireTicket } from "./get-ticket";
import { toTicketDto } from "./ticket-dto";

/** GET /api/tickets/{id}: the ticket with the same `sla` view the queue shows (issue 10, S9), and for staff its tags. */
export async function getTicketDetail(actor: Actor, id: string) {
  const s = scoped(actor);
  const ticket = await requireTicket(actor, id, s);
  const [sla, tags] = await Promise.all([ticketSlaOf(s, ticket), tagsField(actor, s, ticket)]);
  return { ...toTicketDto(ticket), ...tags, sla };
}
