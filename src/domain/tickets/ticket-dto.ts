// The ticket as the API contract names it (DESIGN.md "HTTP API"), shaped for its audience (issue 11, F6):
// the ONE function every door uses — API list and detail, the PATCH answer, the 412's `current`, the
// ticket page, exports — so no route filters fields of its own.
//
// A requester sees what they can act on: the conversation's ticket, its status and content, when it was
// first answered and resolved. Triage is staff business (S19, D3): priority, assignee, team, SLA targets and
// tags are left out, and `version` / `updatedAt` are the requester's own (tickets.public_version), which
// move only with a public reply, a status or a content change. Watching their ticket therefore tells a
// requester nothing of internal notes, reassignments or re-prioritisation.
import type { TicketAudience } from "@/auth/ticket-audience";
import type { Ticket } from "@/db/schema";
import type { TSlaView } from "@/domain/sla/sla-view";

/** What a requester's ticket is built from; a write that changes one of these moves their version. */
export const REQUESTER_VISIBLE_COLUMNS = [
  "title",
  "descriptionMd",
  "status",
  "requesterId",
  "followUpOf",
  "firstRespondedAt",
  "resolvedAt",
] as const satisfies readonly (keyof Ticket)[];

/** Fields only staff receive. */
interface StaffTicketFields {
  priority: Ticket["priority"];
  assigneeId: string | null;
  teamId: string | null;
  firstResponseDueAt: string | null;
  resolutionDueAt: string | null;
  /** Where the ticket stands against its SLA (the queue, the page and GET /api/tickets/{id} add it). */
  sla?: TSlaView;
  tags?: string[];
}

export type TTicketDto = {
  id: string;
  number: number;
  title: string;
  descriptionMd: string;
  status: Ticket["status"];
  requesterId: string;
  followUpOf: string | null;
  firstRespondedAt: string | null;
  resolvedAt: string | null;
  createdAt: string;
  updatedAt: string;
  /** The ETag's value for this audience: staff's moves with every write, a requester's with what they see. */
  version: number;
} & Partial<StaffTicketFields>;

/** Staff-only additions a caller read beside the ticket; dropped for a requester whatever is passed. */
export interface TicketExtras {
  sla?: TSlaView;
  tags?: string[];
}

/** The version this audience compares If-Match with and receives as ETag. */
export const versionFor = (audience: TicketAudience, t: Pick<Ticket, "version" | "publicVersion">) => (audience === "staff" ? t.version : t.publicVersion);

export function toTicketDto(t: Ticket, audience: TicketAudience, extras: TicketExtras = {}): TTicketDto {
  const common = {
    id: t.id,
    number: t.number,
    title: t.title,
    descriptionMd: t.descriptionMd,
    status: t.status,
    requesterId: t.requesterId,
    followUpOf: t.followUpOf,
    firstRespondedAt: t.firstRespondedAt?.toISOString() ?? null,
    resolvedAt: t.resolvedAt?.toISOString() ?? null,
    createdAt: t.createdAt.toISOString(),
  };
  if (audience === "requester") {
    return { ...common, updatedAt: t.publicUpdatedAt.toISOString(), version: t.publicVersion };
  }
  return {
    ...common,
    priority: t.priority,
    assigneeId: t.assigneeId,
    teamId: t.teamId,
    firstResponseDueAt: t.firstResponseDueAt?.toISOString() ?? null,
    resolutionDueAt: t.resolutionDueAt?.toISOString() ?? null,
    updatedAt: t.updatedAt.toISOString(),
    version: t.version,
    ...(extras.tags ? { tags: extras.tags } : {}),
    ...(extras.sla ? { sla: extras.sla } : {}),
  };
}

const comparable = (v: unknown) => (v instanceof Date ? v.getTime() : (v ?? null));

/** Whether `patch` changes something a requester's ticket shows (then their version moves with it). */
export function changesRequesterView(before: Ticket, patch: Partial<Ticket>): boolean {
  return REQUESTER_VISIBLE_COLUMNS.some((k) => k in patch && comparable(patch[k]) !== comparable(before[k]));
}
