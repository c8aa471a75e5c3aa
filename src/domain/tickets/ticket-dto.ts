import type { Ticket } from "@/db/schema";

/** The ticket as the API contract names it (DESIGN.md "HTTP API"). */
export function toTicketDto(t: Ticket) {
  return {
    id: t.id,
    number: t.number,
    title: t.title,
    descriptionMd: t.descriptionMd,
    status: t.status,
    priority: t.priority,
    requesterId: t.requesterId,
    assigneeId: t.assigneeId,
    teamId: t.teamId,
    followUpOf: t.followUpOf,
    firstResponseDueAt: t.firstResponseDueAt?.toISOString() ?? null,
    resolutionDueAt: t.resolutionDueAt?.toISOString() ?? null,
    firstRespondedAt: t.firstRespondedAt?.toISOString() ?? null,
    resolvedAt: t.resolvedAt?.toISOString() ?? null,
    createdAt: t.createdAt.toISOString(),
    updatedAt: t.updatedAt.toISOString(),
    /** The ETag's value: changes with every write (issue 11). */
    version: t.version,
  };
}
export type TTicketDto = ReturnType<typeof toTicketDto>;
