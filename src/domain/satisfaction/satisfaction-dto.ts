import type { SatisfactionRating } from "@/db/schema";

/** An answer as the API and pages show it (staff, or the requester who gave it). */
export function toSatisfactionDto(r: SatisfactionRating) {
  return {
    id: r.id,
    ticketId: r.ticketId,
    resolution: r.resolution,
    rating: r.rating,
    comment: r.comment,
    requesterId: r.requesterId,
    assigneeId: r.assigneeId,
    teamId: r.teamId,
    resolvedAt: r.resolvedAt.toISOString(),
    answeredAt: r.answeredAt.toISOString(),
  };
}
export type TSatisfactionDto = ReturnType<typeof toSatisfactionDto>;
