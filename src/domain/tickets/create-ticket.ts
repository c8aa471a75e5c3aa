import { can, requirePermission, type Actor } from "@/auth/actor";
import { ticketAudience } from "@/auth/ticket-audience";
import { inTenantTransaction, type Scoped, type VisibleTicket } from "@/db/scoped";
import { planNewTicketSla, slaAuditData, startTicketSla } from "@/domain/sla/maintain-ticket-sla";
import { now } from "@/lib/clock";
import { Forbidden, InvalidField } from "@/lib/errors";
import { toTicketDto } from "./ticket-dto";
import type { TCreateTicket } from "./tickets.schemas";
import { validateAssignment, validateRequester } from "./validate-assignment";

/** What a caller inside the app adds to a create (never from a request body). */
export interface CreateTicketOptions {
  /** Opened by an e-mail (issue 12): hidden from a requester who has not proven their address. */
  viaEmail?: boolean;
  /** More writes in the same transaction (the inbound mail's link to its ticket: one commit, once). */
  alsoInTransaction?: (s: Scoped, ticket: VisibleTicket) => Promise<void>;
}

/** Opens a ticket; SLA deadlines come from the organization's policy for its priority (S9). */
export async function createTicket(actor: Actor, input: TCreateTicket, opts: CreateTicketOptions = {}) {
  requirePermission(actor, "tickets.create");
  // Requesters open tickets for themselves at normal priority; triage is staff work (S19).
  if (input.priority !== undefined && !can(actor, "tickets.update.priority")) throw Forbidden("Requesters cannot set priority");
  if ((input.assigneeId || input.teamId) && !can(actor, "tickets.assign")) throw Forbidden("Requesters cannot assign tickets");
  if (input.requesterId && input.requesterId !== actor.userId) requirePermission(actor, "tickets.create.on_behalf");

  return inTenantTransaction(actor, async (s) => {
    const original = input.followUpOf ? await closedTicketToFollow(s, input.followUpOf) : null;
    // A follow-up is for the same customer unless staff say otherwise.
    const requesterId =
      input.requesterId ?? (original && original.requesterId !== actor.userId && can(actor, "tickets.create.on_behalf") ? original.requesterId : actor.userId);
    if (requesterId !== actor.userId) await validateRequester(s, requesterId);
    await validateAssignment(s, input);

    const priority = input.priority ?? "normal";
    const openedAt = now();
    const sla = await planNewTicketSla(s, priority, openedAt);
    const ticket = await s.tickets.insert({
      title: input.title,
      descriptionMd: input.descriptionMd,
      priority,
      status: "open",
      requesterId,
      assigneeId: input.assigneeId ?? null,
      teamId: input.teamId ?? null,
      followUpOf: original?.id ?? null,
      viaEmail: opts.viaEmail === true,
      ...sla.ticketColumns,
      createdAt: openedAt,
      updatedAt: openedAt,
    });
    await startTicketSla(s, ticket, sla);
    if (original) await s.activity.record(ticket, [{ field: "follow_up", from: null, to: original.id, staffOnly: false }], openedAt);
    await s.audit.record({
      action: "ticket.created",
      targetType: "ticket",
      targetId: ticket.id,
      data: {
        number: ticket.number,
        priority,
        requesterId,
        assigneeId: ticket.assigneeId,
        teamId: ticket.teamId,
        ...(original ? { followUpOf: original.id } : {}),
        ...(opts.viaEmail ? { viaEmail: true } : {}),
        ...slaAuditData(sla),
      },
    });
    await opts.alsoInTransaction?.(s, ticket);
    return toTicketDto(ticket, ticketAudience(actor));
  });
}

/**
 * The ticket a follow-up continues: one the actor can see (another tenant's or another requester's id is
 * the same 400 as an unknown one) and closed — an open ticket takes a reply instead.
 */
async function closedTicketToFollow(s: Scoped, id: string) {
  const original = await s.tickets.find(id);
  if (!original) throw InvalidField("followUpOf", "Ticket not found");
  if (original.status !== "closed") throw InvalidField("followUpOf", "Only a closed ticket takes a follow-up: reply on this one instead");
  return original;
}
