// Reading satisfaction (issue 13): a ticket's answers for its staff (never another requester's), the
// requester's own answers and the question still open for them; and, for the link's page, what a link
// can still do — without the ticket's conversation or anything else of it but its number and title.
import { can, type Actor } from "@/auth/actor";
import type { SatisfactionRequest } from "@/db/schema";
import { scoped, type Scoped, type VisibleTicket } from "@/db/scoped";
import { unsafeFindSatisfactionLink } from "@/db/unsafe-satisfaction";
import { defineCursor } from "@/domain/pagination";
import { requireTicket } from "@/domain/tickets/get-ticket";
import { now } from "@/lib/clock";
import { Forbidden, NotFound } from "@/lib/errors";
import { hashLinkToken, isLinkToken } from "@/lib/link-token";
import { z } from "zod";
import type { TListSatisfactionQuery } from "./satisfaction.schemas";
import { toSatisfactionDto } from "./satisfaction-dto";

const resolutionCursor = defineCursor("satisfaction", z.number().int().min(1));

const isOpen = (r: SatisfactionRequest, at: Date) => !r.answeredAt && !r.withdrawnAt && r.expiresAt > at;

export async function getTicketSatisfaction(actor: Actor, ticketId: string, query: TListSatisfactionQuery) {
  const s = scoped(actor);
  return satisfactionOfTicket(s, await requireTicket(actor, ticketId, s), query);
}

/** The same for a ticket the caller has already read through the actor's visibility (the ticket page's). */
export async function satisfactionOfTicket(s: Scoped, ticket: VisibleTicket, query: TListSatisfactionQuery) {
  const actor = s.actor;
  // The type cannot say whose visibility read the ticket: another organization's is not this actor's to ask.
  if (ticket.organizationId !== actor.orgId) throw NotFound("Ticket");
  const staff = can(actor, "satisfaction.read.all");
  const own = ticket.requesterId === actor.userId && can(actor, "satisfaction.answer");
  if (!staff && !own) throw Forbidden();
  const [rows, latest] = await Promise.all([
    s.satisfaction.ratingsOf(ticket.id, {
      requesterId: staff ? undefined : actor.userId,
      beforeResolution: resolutionCursor.decode(query.cursor),
      limit: query.limit + 1,
    }),
    s.satisfaction.latestOf(ticket.id),
  ]);
  const page = rows.slice(0, query.limit);
  const open = latest && isOpen(latest, now()) && (staff || latest.requesterId === actor.userId) ? latest : null;
  return {
    items: page.map(toSatisfactionDto),
    nextCursor: rows.length > query.limit ? resolutionCursor.encode(page[page.length - 1]!.resolution) : null,
    /** The resolution still waiting for its answer, if any (the requester's page shows the question). */
    pending: open ? { resolution: open.resolution, expiresAt: open.expiresAt.toISOString(), forYou: open.requesterId === actor.userId } : null,
  };
}
export type TTicketSatisfaction = Awaited<ReturnType<typeof satisfactionOfTicket>>;

/**
 * For staff reading a ticket (GET /api/tickets/{id}): its latest answer and the question still open, if
 * any; the whole list is GET /api/tickets/{id}/satisfaction. undefined for everyone else (never read).
 */
export async function satisfactionSummaryOf(s: Scoped, ticket: VisibleTicket) {
  if (!can(s.actor, "satisfaction.read.all")) return undefined;
  const [[latest], request] = await Promise.all([s.satisfaction.ratingsOf(ticket.id, { limit: 1 }), s.satisfaction.latestOf(ticket.id)]);
  const open = request && isOpen(request, now()) ? request : null;
  return {
    latest: latest ? toSatisfactionDto(latest) : null,
    pending: open ? { resolution: open.resolution, expiresAt: open.expiresAt.toISOString() } : null,
  };
}

export type TLinkState =
  | { state: "open"; ticketNumber: number; ticketTitle: string; resolution: number }
  | { state: "answered" | "closed" | "someone_else" }
  | null;

/** For the link's page: null for a link that names nothing (or another organization's, for a session there). */
export async function describeSatisfactionLink(token: string, session: Actor | null): Promise<TLinkState> {
  if (!isLinkToken(token)) return null;
  const link = await unsafeFindSatisfactionLink(hashLinkToken(token));
  if (!link) return null;
  const { request, ticket } = link;
  if (session && session.orgId !== request.organizationId) return null;
  if (session && session.userId !== request.requesterId) return { state: "someone_else" };
  if (request.answeredAt) return { state: "answered" };
  if (!isOpen(request, now())) return { state: "closed" };
  return { state: "open", ticketNumber: ticket.number, ticketTitle: ticket.title, resolution: request.resolution };
}
