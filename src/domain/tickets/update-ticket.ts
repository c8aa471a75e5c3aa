import type { Actor } from "@/auth/actor";
import { ticketAudience } from "@/auth/ticket-audience";
import { inTenantTransaction } from "@/db/scoped";
import { now } from "@/lib/clock";
import { applyTicketChange, authorizeChange } from "./apply-ticket-change";
import { requireTicket } from "./get-ticket";
import { toTicketDto } from "./ticket-dto";
import { ticketExtrasOf } from "./ticket-extras";
import { assertCurrentVersion } from "./ticket-version";
import type { TUpdateTicket } from "./tickets.schemas";

/**
 * Updates content, status, priority, assignee and team in one transaction with SLA, timeline and audit.
 * `expectedVersions` (If-Match) makes a stale page's write a 412 instead of an overwrite (issue 11).
 */
export async function updateTicket(actor: Actor, ticketId: string, input: TUpdateTicket, expectedVersions?: number[]) {
  return inTenantTransaction(actor, async (s) => {
    // FOR UPDATE: concurrent edits of one ticket apply one after the other, each seeing the last.
    const ticket = await requireTicket(actor, ticketId, s, { forUpdate: true });
    await assertCurrentVersion(s, ticket, expectedVersions);
    authorizeChange(actor, ticket, input);
    const { updated } = await applyTicketChange(s, ticket, input, now());
    return toTicketDto(updated, ticketAudience(actor), await ticketExtrasOf(s, updated, { sla: false }));
  });
}
