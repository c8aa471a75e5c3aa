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
    firstResponseDueAt: t.firstResponseDueAt?.toISOString() ?? null,
    resolutionDueAt: t.resolutionDueAt?.toISOString() ?? null,
    firstRespondedAt: t.firstRespondedAt?.toISOString() ?? null,
    resolvedAt: t.resolvedAt?.toISOString() ?? null,
    createdAt: t.createdAt.toISOString(),
    updatedAt: t.updatedAt.toISOString(),
  };
}
export type TTicketDto = ReturnType<typeof toTicketDto>;
