// Who hears of a new comment (S9, D4): staff looking after the ticket always; the requester only of a
// public reply by someone else. An internal note is never rendered into anything a requester receives.
// The requester's e-mail about a public reply is the reply itself, threaded into the conversation with a
// signed reply address (issue 12, domain/mail/enqueue-reply-mail.ts); their in-app notification stays.
import type { Comment } from "@/db/schema";
import type { Scoped, VisibleTicket } from "@/db/scoped";
import { enqueueReplyMail } from "@/domain/mail/enqueue-reply-mail";
import { enqueueNotification, ticketStaff, type Message } from "./enqueue-notification";

export async function notifyCommentAdded(s: Scoped, ticket: VisibleTicket, comment: Comment, opts: { byStaff: boolean }): Promise<void> {
  const author = comment.authorId;
  const staff = (await ticketStaff(s, ticket)).filter((p) => p.id !== author);
  const messages: Message[] = staff.map((person) => ({
    person,
    title: `${comment.internal ? "Internal note" : opts.byStaff ? "Reply" : "Requester replied"} on ${ticket.title}`,
    text: comment.bodyMd,
  }));
  if (!comment.internal && ticket.requesterId !== author) {
    const [requester] = await s.recipients.people([ticket.requesterId]);
    const mailed = await enqueueReplyMail(s, ticket, comment);
    if (requester) messages.push({ person: requester, title: `New reply on your ticket: ${ticket.title}`, text: comment.bodyMd, email: !mailed });
  }
  await enqueueNotification(s, {
    type: comment.internal ? "comment.internal_created" : "comment.created",
    ticket,
    messages,
    // Webhook receivers learn that something was written, never an internal note's text.
    webhookData: { commentId: comment.id, internal: comment.internal, authorId: author, ...(comment.internal ? {} : { bodyMd: comment.bodyMd }) },
  });
}
