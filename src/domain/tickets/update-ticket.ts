import type { Actor } from "@/auth/actor";
import type { Ticket } from "@/db/schema";
import { inTenantTransaction } from "@/db/scoped";
import { reviseTicketSla } from "@/domain/sla/maintain-ticket-sla";
import { resolutionUpdate } from "@/domain/sla/sla-deadlines";
import { now } from "@/lib/clock";
import { Forbidden } from "@/lib/errors";
import { requireTicket } from "./get-ticket";
import { requesterMayMove, ticketActions } from "./ticket-actions";
import { toTicketDto } from "./ticket-dto";
import type { TUpdateTicket } from "./tickets.schemas";
import { validateAssignment } from "./validate-assignment";

/** Every permission the requested change needs, checked before anything is written (S19). */
function authorizeChange(actor: Actor, ticket: Ticket, input: TUpdateTicket): void {
  const may = ticketActions(actor, ticket);
  if ((input.title !== undefined || input.descriptionMd !== undefined) && !may.editContent) throw Forbidden("You cannot edit this ticket");
  if (input.status !== undefined && input.status !== ticket.status && !may.setStatus) {
    if (!(may.closeOrReopenOwn && requesterMayMove(ticket.status, input.status))) throw Forbidden("You can only close or reopen your own ticket");
  }
  if (input.priority !== undefined && !may.setPriority) throw Forbidden();
  if ((input.assigneeId !== undefined || input.teamId !== undefined) && !may.assign) throw Forbidden();
}

type Change = { from: unknown; to: unknown };

/** Updates content, status, priority, assignee and team in one transaction with SLA and audit. */
export async function updateTicket(actor: Actor, ticketId: string, input: TUpdateTicket) {
  return inTenantTransaction(actor, async (s) => {
    // FOR UPDATE: concurrent edits of one ticket apply one after the other, each seeing the last.
    const ticket = await requireTicket(actor, ticketId, s, { forUpdate: true });
    authorizeChange(actor, ticket, input);
    await validateAssignment(s, input);

    const at = now();
    const patch: Partial<Ticket> = {};
    const changes: Record<string, Change> = {};
    const set = <K extends "title" | "descriptionMd" | "status" | "priority" | "assigneeId" | "teamId">(key: K, value: Ticket[K] | undefined) => {
      if (value === undefined || value === ticket[key]) return;
      patch[key] = value;
      // Descriptions can be long and personal: the audit trail records that it changed, not the text.
      changes[key] = key === "descriptionMd" ? { from: "(previous)", to: "(changed)" } : { from: ticket[key], to: value };
    };
    set("title", input.title);
    set("descriptionMd", input.descriptionMd);
    set("status", input.status);
    set("priority", input.priority);
    set("assigneeId", input.assigneeId);
    set("teamId", input.teamId);

    if (Object.keys(changes).length === 0) return toTicketDto(ticket);

    if (patch.status) Object.assign(patch, resolutionUpdate(ticket, patch.status, at) ?? {});
    // Priority re-targets from the original start; status opens or closes pauses (resolve, reopen) (S9).
    if (patch.priority || patch.status) {
      const after = { ...ticket, ...patch };
      Object.assign(patch, await reviseTicketSla(s, ticket, after, at));
    }
    patch.updatedAt = at;

    const updated = await s.tickets.update(ticket, patch);
    await s.audit.record({ action: "ticket.updated", targetType: "ticket", targetId: ticket.id, data: { changes } });
    return toTicketDto(updated);
  });
}
