import Link from "next/link";
import { Markdown } from "@/components/markdown";
import { TimeStamp } from "@/components/time/time-stamp";
import type { TCommentDto } from "@/domain/comments/comment-dto";

/**
 * The conversation, oldest first. Internal notes arrive here only for staff (scoped() drops them for
 * requesters); they are labelled in words and tinted so nobody mistakes one for a public reply.
 */
export function CommentThread({
  ticketId,
  comments,
  names,
  nextCursor,
  fromCursor,
}: {
  ticketId: string;
  comments: TCommentDto[];
  names: Map<string, string>;
  nextCursor: string | null;
  fromCursor: string | null;
}) {
  return (
    <>
      {fromCursor && (
        <p>
          <Link href={`/app/tickets/${ticketId}`} prefetch={false}>
            ← Back to the first comments
          </Link>
        </p>
      )}
      {comments.length === 0 ? (
        <p className="muted">No replies yet.</p>
      ) : (
        <ol className="comment-list" aria-labelledby="conversation-title">
          {comments.map((c) => (
            <li key={c.id} className={`card comment${c.internal ? " comment-internal" : ""}`}>
              <div className="comment-head">
                <strong>{names.get(c.authorId) ?? "Unknown user"}</strong>
                {c.internal && <span className="badge badge-internal">Internal note</span>}
                <span className="muted">
                  <TimeStamp value={c.createdAt} />
                </span>
              </div>
              <Markdown source={c.bodyMd} />
            </li>
          ))}
        </ol>
      )}
      {nextCursor && (
        <p>
          <Link href={`/app/tickets/${ticketId}?comments=${encodeURIComponent(nextCursor)}`} prefetch={false}>
            Later comments →
          </Link>
        </p>
      )}
    </>
  );
}
