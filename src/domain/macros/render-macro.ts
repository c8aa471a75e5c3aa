import { requirePermission, type Actor } from "@/auth/actor";
import type { Ticket } from "@/db/schema";
import { scoped } from "@/db/scoped";
import { COMMENT_MAX } from "@/domain/comments/comments.schemas";
import { requireTicket } from "@/domain/tickets/get-ticket";
import { assertNotClosed } from "@/domain/tickets/ticket-actions";
import type { TicketFields } from "@/domain/tickets/apply-ticket-change";
import { Invalid, NotFound } from "@/lib/errors";
import type { TMacroChanges } from "./macros.schemas";
import { fillPlaceholders, firstName, type PlaceholderValues } from "./placeholders";

type FieldChanges = Pick<Partial<TicketFields>, "status" | "priority" | "assigneeId" | "teamId">;

/**
 * A macro filled in for one ticket (issue 11): the body with its placeholders replaced as text, and the
 * field changes that would still change something on this ticket ("me" is the caller). Nothing is
 * written: the composer sends the reply through the comment POST (with `status`) and the other fields
 * through PATCH, which authorize, audit and refuse exactly as they would for a hand-made change.
 * The ticket must be visible to the caller and the macro shared or the caller's own: 404 otherwise; a
 * closed ticket is 409 `ticket_closed`.
 */
export async function renderMacro(actor: Actor, ticketId: string, macroId: string) {
  requirePermission(actor, "macros.use");
  const s = scoped(actor);
  const ticket = await requireTicket(actor, ticketId, s);
  // A macro fills a reply and sets fields: a closed ticket takes neither (409, like the PATCH would be).
  assertNotClosed(ticket);
  const macro = await s.macros.find(macroId);
  if (!macro) throw NotFound("Macro");
  const [requester, organization] = await Promise.all([s.users.find(ticket.requesterId), s.organization.get()]);
  const values: PlaceholderValues = {
    "requester.name": requester?.name ?? "",
    "requester.first_name": firstName(requester?.name ?? ""),
    "requester.email": requester?.email ?? "",
    "ticket.number": String(ticket.number),
    "ticket.title": ticket.title,
    "agent.name": actor.name,
    "organization.name": organization.name,
  };
  const bodyMd = fillPlaceholders(macro.bodyMd, values);
  if (bodyMd.length > COMMENT_MAX) throw Invalid(`Filled in for this ticket, the macro is longer than a reply may be (${COMMENT_MAX} characters)`);
  return { macroId: macro.id, name: macro.name, bodyMd, changes: changesFor(actor, ticket, macro.changes) };
}

/** The macro's changes for this ticket and caller: "me" resolved, changes to the current value left out. */
function changesFor(actor: Actor, ticket: Ticket, changes: TMacroChanges): FieldChanges {
  const wanted: FieldChanges = { ...changes, assigneeId: changes.assigneeId === "me" ? actor.userId : changes.assigneeId };
  const out: FieldChanges = {};
  for (const key of ["status", "priority", "assigneeId", "teamId"] as const) {
    const value = wanted[key];
    if (value !== undefined && value !== ticket[key]) Object.assign(out, { [key]: value });
  }
  return out;
}
