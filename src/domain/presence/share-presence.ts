// POST /api/tickets/{id}/presence (issue 11): "I am viewing / replying on this ticket" (or have left).
// Only someone who can see the ticket may say so (404 otherwise, as for any other door to it); the
// signal goes out over NOTIFY to every instance and is never stored. Who is told is decided per reader
// when it arrives (presence-rules.ts).
import { can, requirePermission, type Actor } from "@/auth/actor";
import { requireTicket } from "@/domain/tickets/get-ticket";
import { liveHub } from "@/lib/live/live-hub";
import { PRESENCE_TTL_SEC } from "./presence-rules";
import type { TSharePresence } from "./presence.schemas";

export async function sharePresence(actor: Actor, ticketId: string, input: TSharePresence) {
  requirePermission(actor, "presence.share");
  const ticket = await requireTicket(actor, ticketId);
  await liveHub().publishPresence({
    orgId: actor.orgId,
    ticketId: ticket.id,
    userId: actor.userId,
    state: input.state,
    // Decides who may be told: staff presence may reach the ticket's requester, a requester's never another requester.
    staff: can(actor, "presence.read.all"),
  });
  return { ticketId: ticket.id, state: input.state, expiresInSec: PRESENCE_TTL_SEC };
}
