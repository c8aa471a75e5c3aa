import type { Actor } from "@/auth/actor";
import { ticketAudience } from "@/auth/ticket-audience";
import { scoped } from "@/db/scoped";
import { satisfactionSummaryOf } from "@/domain/satisfaction/get-satisfaction";
import { toTicketDto } from "./ticket-dto";
import { requireTicketWithExtras } from "./ticket-extras";

/**
 * GET /api/tickets/{id}: the ticket as the caller's audience sees it (F6); for staff with the same `sla`
 * view the queue shows (issue 10, S9) and its tags, and with `satisfaction` its latest "How did we do?"
 * answer and open question (issue 13; the live stream's renders leave it out).
 */
export async function getTicketDetail(actor: Actor, id: string, opts: { satisfaction?: boolean } = {}) {
  const s = scoped(actor);
  const { ticket, extras } = await requireTicketWithExtras(s, id, { sla: true });
  const satisfaction = opts.satisfaction ? await satisfactionSummaryOf(s, ticket) : undefined;
  const dto = toTicketDto(ticket, ticketAudience(actor), extras);
  return satisfaction ? { ...dto, satisfaction } : dto;
}
