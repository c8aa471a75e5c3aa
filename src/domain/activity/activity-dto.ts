import type { TicketAudience } from "@/auth/ticket-audience";
import type { TicketActivity } from "@/db/schema";

/**
 * One timeline entry as the API names it: ids, never names (clients resolve them from the directory). Its
 * `version` is the ticket's version after the change as this audience counts it (F6): a requester's
 * versions have no gaps where staff-only work happened.
 */
export function toActivityDto(a: TicketActivity, audience: TicketAudience) {
  return {
    id: a.id,
    field: a.field,
    from: a.fromValue,
    to: a.toValue,
    actorId: a.actorId,
    version: audience === "staff" ? a.ticketVersion : a.ticketPublicVersion,
    createdAt: a.createdAt.toISOString(),
  };
}
export type TActivityDto = ReturnType<typeof toActivityDto>;
