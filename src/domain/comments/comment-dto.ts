import type { Comment } from "@/db/schema";

export function toCommentDto(c: Comment) {
  return {
    id: c.id,
    ticketId: c.ticketId,
    authorId: c.authorId,
    bodyMd: c.bodyMd,
    internal: c.internal,
    createdAt: c.createdAt.toISOString(),
  };
}
export type TCommentDto = ReturnType<typeof toCommentDto>;
