import { z } from "zod";
import { zMultiLine } from "@/lib/text-input";
import { ZCursor, ZLimit } from "@/domain/pagination";
import { ZTicketStatus } from "@/domain/tickets/tickets.schemas";

export const COMMENT_MAX = 10_000;

export const ZAddComment = z
  .object({
    bodyMd: zMultiLine().trim().min(1).max(COMMENT_MAX),
    internal: z.boolean().default(false),
    /** "Send and set Pending": the status the ticket takes with this comment, in the same transaction. */
    status: ZTicketStatus.optional(),
  })
  .strict();
export type TAddComment = z.infer<typeof ZAddComment>;

export const ZListCommentsQuery = z.object({ cursor: ZCursor, limit: ZLimit });
export type TListCommentsQuery = z.infer<typeof ZListCommentsQuery>;
