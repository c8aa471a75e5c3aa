// Queues a public reply for the ticket's requester as a threaded e-mail (issue 12), in the transaction
// that writes the reply: the outbox row, and the mail's Message-ID in ticket_mail_messages, exist exactly
// when the comment does. In-Reply-To/References chain to every earlier mail of the ticket, inbound or
// outbound, so mail clients file the reply under the conversation. Only ids go into the queue: the text,
// the address and the recipient's right to read it are read again when the worker sends it.
import type { Comment } from "@/db/schema";
import type { Scoped, VisibleTicket } from "@/db/scoped";
import { mailEnabled } from "@/lib/mailer";
import { newMessageId } from "./message-id";
import { replyDomain } from "./reply-address";

const SUBJECT_MAX = 200;

/** The subject every mail of a ticket carries, so that clients which thread by subject agree too. */
export function ticketSubject(ticket: Pick<VisibleTicket, "number" | "title">): string {
  const subject = `[#${ticket.number}] ${ticket.title}`;
  return subject.length > SUBJECT_MAX ? `${subject.slice(0, SUBJECT_MAX - 1)}…` : subject;
}

/**
 * True when a mail was queued. Internal notes never are (D4), whoever calls; nor the requester's own
 * words (they wrote them), nor anything while e-mail is off.
 */
export async function enqueueReplyMail(s: Scoped, ticket: VisibleTicket, comment: Comment): Promise<boolean> {
  if (comment.internal || !mailEnabled()) return false;
  if (comment.authorId === ticket.requesterId) return false;
  const [requester] = await s.recipients.people([ticket.requesterId]);
  if (!requester) return false;
  const references = await s.mailMessages.thread(ticket);
  const messageId = newMessageId(replyDomain());
  const [outboxMessageId] = await s.outbox.enqueue([
    {
      channel: "email",
      eventType: "comment.created",
      payload: {
        kind: "ticket_reply",
        to: requester.email,
        recipientId: requester.id,
        ticketId: ticket.id,
        commentId: comment.id,
        messageId,
        inReplyTo: references.at(-1) ?? null,
        references,
        subject: ticketSubject(ticket),
      },
    },
  ]);
  await s.mailMessages.record(ticket, { messageId, direction: "outbound", commentId: comment.id, outboxMessageId });
  return true;
}
