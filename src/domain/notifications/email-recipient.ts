// The e-mail channel's read-time check (D4, S9; issue 9 item 6). An e-mail is queued with the text its
// recipient could read then; it is sent minutes or hours later. Before sending, the worker asks again:
// is the recipient still an active member of this organization, does their role today still read this
// type of notification, and can they still see the ticket? If not, the message is withheld, not sent.
import { actorForAddressOwner, systemActor } from "@/auth/system-actor";
import type { TNotificationEmail } from "@/db/schema";
import { scoped } from "@/db/scoped";
import type { MailDecision } from "@/domain/mail/reply-mail";
import { AUTOMATIC_MAIL_HEADERS } from "@/domain/mail/automatic-mail";
import { mayReadNotificationType } from "./notification-audience";

export async function decideEmailDelivery(orgId: string, eventType: string, payload: TNotificationEmail): Promise<MailDecision> {
  const s = scoped(systemActor(orgId, "outbox"));
  // people() and byEmail() return active members of this organization only.
  const person = payload.recipientId ? ((await s.recipients.people([payload.recipientId]))[0] ?? null) : await s.recipients.byEmail(payload.to);
  if (!person) return { withhold: "recipient is no longer an active member of the organization" };
  if (!mayReadNotificationType(person.role, eventType)) return { withhold: "recipient's role no longer reads this notification" };
  // The mail goes to the person's address itself, read by whoever owns it: the proof of ownership that a
  // web session needs to see mail-made content (issue 12) is not asked of it.
  if (payload.ticketId && !(await scoped(actorForAddressOwner(person, orgId)).tickets.find(payload.ticketId))) {
    return { withhold: "recipient can no longer see the ticket" };
  }
  // Sent to the address the account has now: a changed address must not keep receiving ticket mail.
  return { send: { to: person.email, subject: payload.subject, text: payload.text, headers: AUTOMATIC_MAIL_HEADERS } };
}
