import { z } from "zod";
import { zMultiLine, zSingleLine } from "@/lib/text-input";
import { TICKET_PRIORITIES, TICKET_STATUSES } from "@/db/schema/enums";
import { ZCursor, ZLimit } from "@/domain/pagination";
import { TAGS_PER_TICKET_MAX, ZTagName, zTagList } from "@/domain/tags/tag-name";

// Maximum lengths on every field (S21). The database column for titles is varchar(200) as well.
export const TITLE_MAX = 200;
export const DESCRIPTION_MAX = 20_000;
export const SEARCH_MAX = 200;

export const ZId = z.uuid();
export const ZTicketStatus = z.enum(TICKET_STATUSES);
export const ZTicketPriority = z.enum(TICKET_PRIORITIES);

export const ZCreateTicket = z
  .object({
    title: zSingleLine().trim().min(1).max(TITLE_MAX),
    descriptionMd: zMultiLine().max(DESCRIPTION_MAX).default(""),
    priority: ZTicketPriority.optional(),
    requesterId: ZId.optional(),
    assigneeId: ZId.nullable().optional(),
    teamId: ZId.nullable().optional(),
    /** The closed ticket this one continues (a reply to a closed ticket is refused: issue 11). */
    followUpOf: ZId.optional(),
  })
  .strict();
export type TCreateTicket = z.infer<typeof ZCreateTicket>;

export const ZUpdateTicket = z
  .object({
    title: zSingleLine().trim().min(1).max(TITLE_MAX).optional(),
    descriptionMd: zMultiLine().max(DESCRIPTION_MAX).optional(),
    status: ZTicketStatus.optional(),
    priority: ZTicketPriority.optional(),
    assigneeId: ZId.nullable().optional(),
    teamId: ZId.nullable().optional(),
    /** The whole tag list (issue 11); or addTags/removeTags to change some. Staff only (tickets.tag). */
    tags: zTagList(TAGS_PER_TICKET_MAX).optional(),
    addTags: zTagList(TAGS_PER_TICKET_MAX).optional(),
    removeTags: zTagList(TAGS_PER_TICKET_MAX).optional(),
  })
  .strict()
  .refine((v) => Object.values(v).some((x) => x !== undefined), { message: "Nothing to update" })
  .refine((v) => v.tags === undefined || (v.addTags === undefined && v.removeTags === undefined), {
    message: "Send either the whole tag list or tags to add and remove, not both",
    path: ["tags"],
  });
export type TUpdateTicket = z.infer<typeof ZUpdateTicket>;

/** Bulk actions (issue 11): at most this many tickets per request, each changed as if alone. */
export const BULK_MAX = 100;

export const ZBulkChanges = z
  .object({
    status: ZTicketStatus.optional(),
    priority: ZTicketPriority.optional(),
    assigneeId: ZId.nullable().optional(),
    teamId: ZId.nullable().optional(),
    addTags: zTagList(TAGS_PER_TICKET_MAX).optional(),
    removeTags: zTagList(TAGS_PER_TICKET_MAX).optional(),
  })
  .strict()
  .refine((v) => Object.values(v).some((x) => x !== undefined), { message: "Nothing to change" });

export const ZBulkUpdate = z
  .object({
    // Duplicates are one ticket: each is changed (and counted against the rate limit) once.
    ids: z
      .array(ZId)
      .min(1, "Select at least one ticket")
      .max(BULK_MAX, `At most ${BULK_MAX} tickets at once`)
      .transform((ids) => [...new Set(ids.map((id) => id.toLowerCase()))]),
    changes: ZBulkChanges,
  })
  .strict();
export type TBulkUpdate = z.infer<typeof ZBulkUpdate>;

const commaList = <T extends readonly [string, ...string[]]>(values: T) =>
  zSingleLine()
    .max(200)
    .transform((s) =>
      s
        .split(",")
        .map((x) => x.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.enum(values)).max(values.length));

export const ZListTicketsQuery = z.object({
  status: commaList(TICKET_STATUSES).optional(),
  priority: commaList(TICKET_PRIORITIES).optional(),
  // "me", "none" or a user id; "mine=1" is shorthand for assignee=me.
  assignee: z.union([z.literal("me"), z.literal("none"), ZId]).optional(),
  team: z.union([z.literal("none"), ZId]).optional(),
  requester: ZId.optional(),
  mine: z
    .enum(["1", "true", "0", "false"])
    .transform((v) => v === "1" || v === "true")
    .optional(),
  q: zSingleLine().trim().max(SEARCH_MAX).optional(),
  /** Tickets carrying this tag (staff only: tags are staff data). Normalised like every tag name. */
  tag: ZTagName.optional(),
  // SLA (S9): only tickets past a running deadline, or within the organization's warning lead of one.
  // Either filter lists in due order; sort=due orders any list by the earliest running deadline.
  sla: z.enum(["breached", "at_risk"]).optional(),
  // A search lists best match first (relevance, the default with `q`) unless sort=created or sort=due.
  sort: z.enum(["created", "due", "relevance"]).optional(),
  cursor: ZCursor,
  /** The page before this position (Previous); `cursor` is the page after it (Next). */
  before: ZCursor,
  limit: ZLimit,
});
export type TListTicketsQuery = z.infer<typeof ZListTicketsQuery>;
