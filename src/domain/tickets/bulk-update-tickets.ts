// Bulk actions (issue 11): up to BULK_MAX tickets changed by one request, each exactly as if it had been
// changed alone — found through the actor's visibility, checked by authorizeChange, changed by
// applyTicketChange (SLA, timeline, version, one audit event per ticket) — in a transaction of its own.
//
// Why one transaction per ticket and not one for all (with savepoints): a failure of one ticket must not
// undo the others, and one long transaction would hold up to 100 ticket row locks and the organization's
// audit-chain head for the whole request, stalling every colleague's edit meanwhile. Each ticket commits
// on its own, in the order given, so the answer says exactly what happened to each.
import { requirePermission, type Actor } from "@/auth/actor";
import { ticketAudience } from "@/auth/ticket-audience";
import { inTenantTransaction, scoped } from "@/db/scoped";
import { recordSecurityEvent } from "@/domain/audit/record-security-event";
import { now } from "@/lib/clock";
import { isAppError, type FieldIssue } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { safeErrorSummary } from "@/lib/log-safe";
import { applyTicketChange, authorizeChange } from "./apply-ticket-change";
import { versionFor } from "./ticket-dto";
import type { TBulkUpdate } from "./tickets.schemas";
import { validateAssignment } from "./validate-assignment";

export const BULK_ITEM_STATUSES = ["updated", "unchanged", "not_found", "forbidden", "invalid", "ticket_closed", "failed"] as const;
export type TBulkItemStatus = (typeof BULK_ITEM_STATUSES)[number];

export interface BulkItemResult {
  id: string;
  status: TBulkItemStatus;
  /** The ticket's version (its ETag) after the change, for tickets the caller can see. */
  version?: number;
  error?: { message: string; details?: FieldIssue[] };
}

type Changes = TBulkUpdate["changes"];

export async function bulkUpdateTickets(actor: Actor, input: TBulkUpdate) {
  requirePermission(actor, "tickets.bulk_update");
  // The same assignee and team for every ticket: checked once, before anything is written. Another
  // tenant's id is the same 400 naming the field as PATCH answers.
  await validateAssignment(scoped(actor), input.changes);

  // One after the other: in parallel they only queue on the organization's audit-chain lock (measured
  // slower with 2 and 4 at a time) while taking more pool connections from everyone else.
  const items: BulkItemResult[] = [];
  for (const id of input.ids) items.push(await changeOne(actor, id, input.changes));

  const summary = Object.fromEntries(BULK_ITEM_STATUSES.map((st) => [st, items.filter((i) => i.status === st).length])) as Record<TBulkItemStatus, number>;
  // Ids the caller cannot see are answered "not_found" like unknown ones; the attempt is evidence (S12).
  if (summary.not_found + summary.forbidden > 0) {
    await recordSecurityEvent({
      organizationId: actor.orgId,
      actorId: actor.userId,
      action: "access.denied",
      targetType: "route",
      targetId: "/api/tickets/bulk",
      data: { route: "tickets.bulk", method: "POST", notFound: summary.not_found, forbidden: summary.forbidden },
      ip: actor.ip,
      userAgent: actor.userAgent,
    });
  }
  return { items, summary };
}

async function changeOne(actor: Actor, id: string, changes: Changes): Promise<BulkItemResult> {
  try {
    return await inTenantTransaction(actor, async (s) => {
      // Another organization's ticket, a ticket outside the actor's visibility and an unknown id are one case.
      const ticket = await s.tickets.find(id, { forUpdate: true });
      if (!ticket) return { id, status: "not_found" };
      authorizeChange(actor, ticket, changes);
      const { updated, changed } = await applyTicketChange(s, ticket, changes, now(), { cause: "bulk" });
      return { id, status: changed ? "updated" : "unchanged", version: versionFor(ticketAudience(actor), updated) };
    });
  } catch (e) {
    if (isAppError(e) && e.kind === "forbidden") return { id, status: "forbidden", error: { message: e.message } };
    // Closed is final (issue 11): the same 409 a PATCH of this ticket would get, as this item's result.
    if (isAppError(e) && e.kind === "ticket_closed") return { id, status: "ticket_closed", error: { message: e.message } };
    if (isAppError(e) && e.kind === "invalid") {
      return { id, status: "invalid", error: { message: e.message, ...(Array.isArray(e.details) ? { details: e.details as FieldIssue[] } : {}) } };
    }
    // Rolled back alone (a deadlock, a lost connection): the others keep their result; say so for this one.
    logger.error({ event: "tickets.bulk.item_failed", err: safeErrorSummary(e) }, "bulk change of one ticket failed");
    return { id, status: "failed", error: { message: "This ticket could not be changed; try again" } };
  }
}
