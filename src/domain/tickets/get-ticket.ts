import type { Actor } from "@/auth/actor";
import { scoped, type Scoped, type VisibleTicket } from "@/db/scoped";
import { NotFound } from "@/lib/errors";

/** NotFound when the ticket does not exist or is outside the actor's visibility (another tenant included). */
export async function requireTicket(actor: Actor, id: string, s: Scoped = scoped(actor), opts: { forUpdate?: boolean } = {}): Promise<VisibleTicket> {
  const ticket = await s.tickets.find(id, opts);
  if (!ticket) throw NotFound("Ticket");
  return ticket;
}
