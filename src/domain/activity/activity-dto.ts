import type { TicketActivity } from "@/db/schema";

/** One timeline entry as the API names it: ids, never names (clients resolve them from the directory). */
export function toActivityDto(a: TicketActivity) {
  return {
    id: a.id,
    field: a.field,
    from: a.fromValue,
    to: a.toValue,
    actorId: a.actorId,
    version: a.ticketVersion,
    createdAt: a.createdAt.toISOString(),
  };
}
export type TActivityDto = ReturnType<typeof toActivityDto>;
