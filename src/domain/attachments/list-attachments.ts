import { requirePermission, type Actor } from "@/auth/actor";
import { scoped, type Scoped, type VisibleTicket } from "@/db/scoped";
import { requireTicket } from "@/domain/tickets/get-ticket";
import { toAttachmentDto } from "./attachment-dto";
import { attachmentLimits } from "./attachment-limits";

/** Quarantined uploads staff see on top of the per-ticket cap (the newest beyond it are left off the list). */
const QUARANTINED_LISTED = 20;

/**
 * A ticket's attachments, oldest first: clean ones (internal ones for staff only) and the caller's own
 * uploads still waiting for a scan; staff also see everyone's waiting and quarantined files with their
 * scan state (issue 11). The per-ticket cap bounds the list, so one page holds all (S7).
 */
export async function listAttachments(actor: Actor, ticketId: string) {
  const s = scoped(actor);
  return listAttachmentsOf(actor, s, await requireTicket(actor, ticketId, s));
}

/** The same, for a ticket the caller has already read (the ticket page reads it once). */
export async function listAttachmentsOf(actor: Actor, s: Scoped, ticket: VisibleTicket) {
  requirePermission(actor, "attachments.read");
  const rows = await s.attachments.listForTicket(ticket, attachmentLimits().perTicket + QUARANTINED_LISTED);
  return { items: rows.map(toAttachmentDto), nextCursor: null };
}
