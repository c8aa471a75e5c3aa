import { z } from "zod";
import type { Actor } from "@/auth/actor";
import { ticketAudience } from "@/auth/ticket-audience";
import { scoped, type Scoped, type VisibleTicket } from "@/db/scoped";
import { decodeSeqCursor, encodeSeqCursor, toPage, ZCursor, ZLimit } from "@/domain/pagination";
import { requireTicket } from "@/domain/tickets/get-ticket";
import { toActivityDto } from "./activity-dto";

export const ZListActivityQuery = z.object({ cursor: ZCursor, limit: ZLimit });
export type TListActivityQuery = z.infer<typeof ZListActivityQuery>;

/** GET /api/tickets/{id}/activity: the timeline oldest first; requesters get status changes only (issue 11). */
export async function listActivity(actor: Actor, ticketId: string, query: TListActivityQuery) {
  const s = scoped(actor);
  return listActivityOf(s, await requireTicket(actor, ticketId, s), query);
}

/** The same, for a ticket the caller has already read (the ticket page reads it once). */
export async function listActivityOf(s: Scoped, ticket: VisibleTicket, query: TListActivityQuery) {
  const rows = await s.activity.list(ticket, { afterSeq: decodeSeqCursor(query.cursor), limit: query.limit + 1 });
  const audience = ticketAudience(s.actor);
  return toPage(
    rows,
    query.limit,
    (a) => toActivityDto(a, audience),
    (a) => encodeSeqCursor(a.seq),
  );
}
