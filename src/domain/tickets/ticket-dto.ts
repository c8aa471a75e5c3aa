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
import { isoOf, isoOrNull, type WithInstants } from "@/lib/instant";

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

/**
 * What the DTO is made from: a ticket row, whose timestamps may be Dates or already their ISO text (the
 * queue reads them as text, issue 15: src/lib/instant.ts).
 */
export type TicketDtoSource = WithInstants<
  Pick<
    Ticket,
    | "id"
    | "number"
    | "title"
    | "descriptionMd"
    | "status"
    | "requesterId"
    | "followUpOf"
    | "firstRespondedAt"
    | "resolvedAt"
    | "createdAt"
    | "publicUpdatedAt"
    | "publicVersion"
    | "priority"
    | "assigneeId"
    | "teamId"
    | "firstResponseDueAt"
    | "resolutionDueAt"
    | "updatedAt"
    | "version"
  >
>;

// One object literal per audience, its keys in the contract's order (the JSON is written in this order).
export function toTicketDto(t: TicketDtoSource, audience: TicketAudience, extras: TicketExtras = {}): TTicketDto {
  if (audience === "requester") {
    return {
      id: t.id,
      number: t.number,
      title: t.title,
      descriptionMd: t.descriptionMd,
      status: t.status,
      requesterId: t.requesterId,
      followUpOf: t.followUpOf,
      firstRespondedAt: isoOrNull(t.firstRespondedAt),
      resolvedAt: isoOrNull(t.resolvedAt),
      createdAt: isoOf(t.createdAt),
      updatedAt: isoOf(t.publicUpdatedAt),
      version: t.publicVersion,
    };
  }
  const dto: TTicketDto = {
    id: t.id,
    number: t.number,
    title: t.title,
    descriptionMd: t.descriptionMd,
    status: t.status,
    requesterId: t.requesterId,
    followUpOf: t.followUpOf,
    firstRespondedAt: isoOrNull(t.firstRespondedAt),
    resolvedAt: isoOrNull(t.resolvedAt),
    createdAt: isoOf(t.createdAt),
    priority: t.priority,
    assigneeId: t.assigneeId,
    teamId: t.teamId,
    firstResponseDueAt: isoOrNull(t.firstResponseDueAt),
    resolutionDueAt: isoOrNull(t.resolutionDueAt),
    updatedAt: isoOf(t.updatedAt),
    version: t.version,
  };
  if (extras.tags) dto.tags = extras.tags;
  if (extras.sla) dto.sla = extras.sla;
  return dto;
}

const comparable = (v: unknown) => (v instanceof Date ? v.getTime() : (v ?? null));

/** Whether `patch` changes something a requester's ticket shows (then their version moves with it). */
export function changesRequesterView(before: Ticket, patch: Partial<Ticket>): boolean {
  return REQUESTER_VISIBLE_COLUMNS.some((k) => k in patch && comparable(patch[k]) !== comparable(before[k]));
}
