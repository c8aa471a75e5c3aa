import { can } from "@/auth/actor";
import { ticketAudience } from "@/auth/ticket-audience";
import type { Scoped, VisibleTicket } from "@/db/scoped";
import { slaViewOf, ticketSlaOf } from "@/domain/sla/get-ticket-sla";
import { NotFound } from "@/lib/errors";
import { requireTicket } from "./get-ticket";
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

/**
 * Reads a ticket the actor may see together with its extras (issue 15): for staff the ticket, its clock,
 * the warning lead and its tags are one statement; for a requester the plain read and no extras (F6).
 * NotFound as requireTicket: missing, another tenant's, or outside the actor's visibility.
 */
export async function requireTicketWithExtras(s: Scoped, id: string, want: { sla: boolean }): Promise<{ ticket: VisibleTicket; extras: TicketExtras }> {
  if (ticketAudience(s.actor) !== "staff") return { ticket: await requireTicket(s.actor, id, s), extras: {} };
  const row = await s.tickets.findWithExtras(id);
  if (!row) throw NotFound("Ticket");
  return {
    ticket: row.ticket,
    extras: {
      sla: want.sla ? slaViewOf(row.ticket, row.clock, row.warningLeadMinutes) : undefined,
      tags: can(s.actor, "tags.read") ? row.tagNames : undefined,
    },
  };
}
