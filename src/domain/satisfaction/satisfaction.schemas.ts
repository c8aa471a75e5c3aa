import { z } from "zod";
import { inDbRange } from "@/domain/db-time";
import { SATISFACTION_RATINGS } from "@/db/schema/satisfaction";
import { TICKET_PRIORITIES } from "@/db/schema/enums";
import { ZCursor, ZLimit } from "@/domain/pagination";
import { LINK_TOKEN_SHAPE } from "@/lib/link-token";
import { zMultiLine } from "@/lib/text-input";

/** How long a resolution's "How did we do?" stays open (the link and the ticket page alike). */
export const SATISFACTION_TTL_MS = 14 * 24 * 60 * 60 * 1000;
export const SATISFACTION_COMMENT_MAX = 2000;

export const ZSatisfactionToken = z.string().regex(LINK_TOKEN_SHAPE);

/** The answer through the e-mailed link: the link names the resolution. */
export const ZSatisfactionAnswer = z
  .object({
    rating: z.enum(SATISFACTION_RATINGS),
    comment: zMultiLine()
      .trim()
      .max(SATISFACTION_COMMENT_MAX)
      .optional()
      .transform((c) => (c ? c : null)),
  })
  .strict();
export type TSatisfactionAnswer = z.infer<typeof ZSatisfactionAnswer>;

/** The answer on the ticket page: the resolution the page asked about, so a newer one is not answered blind. */
export const ZTicketSatisfactionAnswer = ZSatisfactionAnswer.extend({ resolution: z.number().int().min(1).max(100_000) }).strict();
export type TTicketSatisfactionAnswer = z.infer<typeof ZTicketSatisfactionAnswer>;

export const ZListSatisfactionQuery = z.object({ cursor: ZCursor, limit: ZLimit });
export type TListSatisfactionQuery = z.infer<typeof ZListSatisfactionQuery>;

/** What reports ask for: answers in [from, to), optionally of one team or priority (at resolution). */
export const ZSatisfactionCountsFilter = z
  .object({
    from: z.coerce.date().refine(inDbRange, "must be a date between the years 1 and 9999"),
    to: z.coerce.date().refine(inDbRange, "must be a date between the years 1 and 9999"),
    teamId: z.uuid().optional(),
    priority: z.enum(TICKET_PRIORITIES).optional(),
  })
  .strict()
  .refine((f) => f.from < f.to, { message: "from must be before to", path: ["to"] });
export type TSatisfactionCountsFilter = z.infer<typeof ZSatisfactionCountsFilter>;
