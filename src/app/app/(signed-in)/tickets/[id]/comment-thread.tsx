import Link from "next/link";
import { AttachmentDownload } from "@/components/attachments/attachment-download";
import { AttachmentState } from "@/components/attachments/attachment-state";
import { Markdown } from "@/components/markdown";
import { describeActivity, type Directory } from "@/components/tickets/activity-text";
import { TimeStamp } from "@/components/time/time-stamp";
import type { TActivityDto } from "@/domain/activity/activity-dto";
import type { TAttachmentDto } from "@/domain/attachments/attachment-dto";
import type { TCommentDto } from "@/domain/comments/comment-dto";

type Entry = { kind: "comment"; at: number; comment: TCommentDto } | { kind: "change"; at: number; change: TActivityDto };

/**
 * Comments and field changes in one line of time (issue 11): "Sam set status Pending" sits between the
 * replies it came with. A change made with a reply (same instant) follows the reply. Comment entries of
 * the timeline are the comments themselves, so they are not repeated.
 */
export function mergeTimeline(comments: TCommentDto[], changes: TActivityDto[]): Entry[] {
  const entries: Entry[] = [
    ...comments.map((comment) => ({ kind: "comment" as const, at: Date.parse(comment.createdAt), comment })),
    ...changes.filter((c) => c.field !== "comment").map((change) => ({ kind: "change" as const, at: Date.parse(change.createdAt), change })),
  ];
  // Stable: within one instant comments keep their order and come before the changes.
  return entries.sort((a, b) => a.at - b.at || (a.kind === b.kind ? 0 : a.kind === "comment" ? -1 : 1));
}

/**
 * The conversation, oldest first, with the ticket's changes between the replies. Internal notes and
 * staff-only changes arrive here only for staff (scoped() drops them for requesters); notes are labelled
 * in words and tinted so nobody mistakes one for a public reply.
 */
export function CommentThread({
  ticketId,
  comments,
  changes,
  attachments,
  directory,
  nextCursor,
  fromCursor,
}: {
  ticketId: string;
  comments: TCommentDto[];
  changes: TActivityDto[];
  attachments: TAttachmentDto[];
  directory: Directory;
  nextCursor: string | null;
  fromCursor: string | null;
}) {
  const entries = mergeTimeline(comments, changes);
  const filesOf = (commentId: string) => attachments.filter((a) => a.commentId === commentId);
  return (
    <>
      {fromCursor && (
        <p>
          <Link href={`/app/tickets/${ticketId}`} prefetch={false}>
            ← Back to the first comments
          </Link>
        </p>
      )}
      {entries.length === 0 ? (
        <p className="muted">No replies yet.</p>
      ) : (
        <ol className="comment-list" aria-labelledby="conversation-title">
          {entries.map((e) =>
            e.kind === "comment" ? (
              <CommentItem key={e.comment.id} comment={e.comment} author={directory.people[e.comment.authorId]} files={filesOf(e.comment.id)} />
            ) : (
              <ChangeItem key={e.change.id} change={e.change} directory={directory} />
            ),
          )}
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

function CommentItem({ comment: c, author, files }: { comment: TCommentDto; author: string | undefined; files: TAttachmentDto[] }) {
  return (
    <li className={`card comment${c.internal ? " comment-internal" : ""}`}>
      <div className="comment-head">
        <strong>{author ?? "Unknown user"}</strong>
        {c.internal && <span className="badge badge-internal">Internal note</span>}
        <span className="muted">
          <TimeStamp value={c.createdAt} />
        </span>
      </div>
      <Markdown source={c.bodyMd} />
      {files.length > 0 && (
        <ul className="comment-attachments" aria-label="Attached files">
          {files.map((f) => (
            <li key={f.id} className="attachment-item">
              <AttachmentDownload attachment={f} />
              <AttachmentState status={f.status} />
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}

function ChangeItem({ change, directory }: { change: TActivityDto; directory: Directory }) {
  const s = describeActivity(change, directory);
  return (
    <li className={`timeline-event${change.field === "sla" ? " timeline-sla" : ""}`}>
      <span>
        {s.who && <strong>{s.who}</strong>} {s.who ? s.what : s.what.charAt(0).toUpperCase() + s.what.slice(1)}
        {s.href && (
          <>
            {" "}
            <Link href={s.href} prefetch={false}>
              (see the earlier ticket)
            </Link>
          </>
        )}
      </span>
      <span className="muted">
        {" · "}
        <TimeStamp value={change.createdAt} mode="absolute" />
      </span>
    </li>
  );
}
