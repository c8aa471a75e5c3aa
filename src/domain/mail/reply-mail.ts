// The send-time half of a threaded reply (issue 12; D4, issue 9 item 6). Minutes or hours may pass
// between the reply and its delivery; in between the requester may have been deactivated, the ticket
// given to another requester, or the comment may be gone. So the worker asks again, as the recipient:
// are they still an active member, still this ticket's requester, can they still see it, and is the
// comment still one they may read? Only then is the mail composed, from the comment as it is now.
import { actorForAddressOwner, systemActor } from "@/auth/system-actor";
import type { TReplyEmail } from "@/db/schema";
import { scoped } from "@/db/scoped";
import { renderMailHtml } from "@/components/mail/mail-html";
import { env } from "@/lib/env";
import type { OutgoingMail } from "@/lib/mailer";
import { replyAddressFor } from "./reply-address";

export type MailDecision = { send: OutgoingMail } | { withhold: string };

export async function decideReplyMail(orgId: string, payload: TReplyEmail): Promise<MailDecision> {
  const [person] = await scoped(systemActor(orgId, "outbox")).recipients.people([payload.recipientId]);
  if (!person) return { withhold: "recipient is no longer an active member of the organization" };
  // The mail goes to the address itself, not to a web session: a contact who wrote in by mail (never a
  // proven web account) gets the answer to the address that wrote, as a notification would (issue 12).
  const asRecipient = scoped(actorForAddressOwner(person, orgId));
  const ticket = await asRecipient.tickets.find(payload.ticketId);
  if (!ticket) return { withhold: "recipient can no longer see the ticket" };
  if (ticket.requesterId !== person.id) return { withhold: "recipient is no longer the ticket's requester" };
  // Read with the recipient's rights: an internal note is not there for a requester at all.
  const comment = await asRecipient.comments.find(ticket, payload.commentId);
  if (!comment || comment.internal) return { withhold: "the reply is no longer one the recipient may read" };

  const link = new URL(`/app/tickets/${ticket.id}`, env().APP_URL).toString();
  const footer = [`Reply to this e-mail to answer, or follow the conversation at ${link}`];
  return {
    send: {
      // The address the account has now: a changed address must not keep receiving ticket mail.
      to: person.email,
      subject: payload.subject,
      text: `${comment.bodyMd}\n\n-- \n${footer.join("\n")}\n`,
      html: renderMailHtml({ title: payload.subject, bodyMd: comment.bodyMd, footer }),
      messageId: payload.messageId,
      ...(payload.inReplyTo ? { inReplyTo: payload.inReplyTo } : {}),
      references: payload.references,
      replyTo: replyAddressFor({ organizationId: orgId, ticketId: ticket.id }),
    },
  };
}
