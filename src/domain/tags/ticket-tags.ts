import { can, type Actor } from "@/auth/actor";
import type { Scoped, VisibleTicket } from "@/db/scoped";

/**
 * `{ tags }` of a ticket for an actor who may read tags, `{}` otherwise: tags are staff data (issue 11),
 * so a requester's answers do not carry the field at all.
 */
export async function tagsField(actor: Actor, s: Scoped, ticket: VisibleTicket): Promise<{ tags?: string[] }> {
  if (!can(actor, "tags.read")) return {};
  return { tags: await s.tags.ofTicket(ticket) };
}
