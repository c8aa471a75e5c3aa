import Link from "next/link";
import { AttachmentDownload } from "@/components/attachments/attachment-download";
import { AttachmentState } from "@/components/attachments/attachment-state";
import { Markdown } from "@/components/markdown";
import { ACTIVITY_MESSAGES } from "@/components/messages/activity";
import { ATTACHMENT_MESSAGES, type AttachmentTranslator } from "@/components/messages/attachments";
import { COMMON_MESSAGES } from "@/components/messages/common";
import { pageMessages } from "@/components/messages/page-messages";
import { richText } from "@/components/messages/rich-text";
import { TICKET_MESSAGES, type TicketTranslator } from "@/components/messages/ticket";
import { type ActivityWords, describeActivity, type Directory } from "@/components/tickets/activity-text";
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
 * in words and tinted so nobody mistakes one for a public reply. The translators are built here once and
 * handed to every entry (issue 13).
 */
export async function CommentThread({
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
  const [t, activity, common, tf] = await Promise.all([
    pageMessages(TICKET_MESSAGES),
    pageMessages(ACTIVITY_MESSAGES),
    pageMessages(COMMON_MESSAGES),
    pageMessages(ATTACHMENT_MESSAGES),
  ]);
  const words: ActivityWords = { t: activity, common };
  const entries = mergeTimeline(comments, changes);
  const filesOf = (commentId: string) => attachments.filter((a) => a.commentId === commentId);
  return (
    <>
      {fromCursor && (
        <p>
          <Link href={`/app/tickets/${ticketId}`} prefetch={false}>
            {t("thread.backToFirst")}
          </Link>
        </p>
      )}
      {entries.length === 0 ? (
        <p className="muted">{t("thread.noReplies")}</p>
      ) : (
        <ol className="comment-list" aria-labelledby="conversation-title">
          {entries.map((e) =>
            e.kind === "comment" ? (
              <CommentItem key={e.comment.id} comment={e.comment} author={directory.people[e.comment.authorId]} files={filesOf(e.comment.id)} t={t} tf={tf} />
            ) : (
              <ChangeItem key={e.change.id} change={e.change} directory={directory} words={words} t={t} />
            ),
          )}
        </ol>
      )}
      {nextCursor && (
        <p>
          <Link href={`/app/tickets/${ticketId}?comments=${encodeURIComponent(nextCursor)}`} prefetch={false}>
            {t("thread.later")}
          </Link>
        </p>
      )}
    </>
  );
}

function CommentItem({
  comment: c,
  author,
  files,
  t,
  tf,
}: {
  comment: TCommentDto;
  author: string | undefined;
  files: TAttachmentDto[];
  t: TicketTranslator;
  tf: AttachmentTranslator;
}) {
  return (
    <li className={`card comment${c.internal ? " comment-internal" : ""}`}>
      <div className="comment-head">
        <strong>{author ?? t("ticket.unknownUser")}</strong>
        {c.internal && <span className="badge badge-internal">{t("thread.internalNote")}</span>}
        <span className="muted">
          <TimeStamp value={c.createdAt} />
        </span>
      </div>
      <Markdown source={c.bodyMd} />
      {files.length > 0 && (
        <ul className="comment-attachments" aria-label={tf("attachments.attachedFiles")}>
          {files.map((f) => (
            <li key={f.id} className="attachment-item">
              <AttachmentDownload attachment={f} />
              <AttachmentState status={f.status} t={tf} />
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}

function ChangeItem({ change, directory, words, t }: { change: TActivityDto; directory: Directory; words: ActivityWords; t: TicketTranslator }) {
  const s = describeActivity(change, directory, words);
  return (
    <li className={`timeline-event${change.field === "sla" ? " timeline-sla" : ""}`}>
      <span>
        {/* The person in bold, where the language puts them ("activity.sentence" keeps its placeholders here). */}
        {s.who ? richText(words.t("activity.sentence"), { who: <strong>{s.who}</strong>, what: s.what }) : words.t("activity.withoutActor", { what: s.what })}
        {s.href && (
          <>
            {" "}
            <Link href={s.href} prefetch={false}>
              {t("thread.seeEarlierTicket")}
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
