// The send-time half of "How did we do?" (issue 13), like invitations (account-mail.ts): the token waited
// sealed in the outbox; here it is opened and checked against its request, which must still be open (not
// answered, not withdrawn by a reopen, not expired), for this recipient, still an active member who can
// still see the ticket. Otherwise the mail is withheld. The mail links to the answer page only: a click
// (or a mail scanner's prefetch) changes nothing until the requester presses a button there.
import { actorForAddressOwner, systemActor } from "@/auth/system-actor";
import type { TSatisfactionEmail } from "@/db/schema";
import { scoped } from "@/db/scoped";
import { satisfactionPath, satisfactionTokenContext } from "@/domain/satisfaction/satisfaction-link";
import { now } from "@/lib/clock";
import { env } from "@/lib/env";
import { hashLinkToken } from "@/lib/link-token";
import { unseal } from "@/lib/sealed";
import { accountMail } from "./account-mail";
import type { MailDecision } from "./reply-mail";

export async function decideSatisfactionMail(orgId: string, payload: TSatisfactionEmail): Promise<MailDecision> {
  const s = scoped(systemActor(orgId, "outbox"));
  const request = await s.satisfaction.find(payload.requestId);
  if (!request || request.requesterId !== payload.recipientId) return { withhold: "the satisfaction request no longer exists" };
  if (request.answeredAt || request.withdrawnAt || request.expiresAt <= now()) return { withhold: "the question was answered, withdrawn or has expired" };
  const token = unseal(payload.sealedToken, satisfactionTokenContext(request.id, request.requesterId));
  if (!token || hashLinkToken(token) !== request.tokenHash) return { withhold: "the sealed link could not be opened" };
  const [person] = await s.recipients.people([request.requesterId]);
  if (!person) return { withhold: "recipient is no longer an active member of the organization" };
  const ticket = await scoped(actorForAddressOwner(person, orgId)).tickets.find(request.ticketId);
  if (!ticket) return { withhold: "recipient can no longer see the ticket" };
  const href = new URL(satisfactionPath(token), env().APP_URL).toString();
  return accountMail(
    person.email,
    `[#${ticket.number}] How did we do? ${ticket.title}`.slice(0, 200),
    [
      `Hello ${person.name},`,
      `Your ticket #${ticket.number} "${ticket.title}" was resolved. Did we help? Choose good or bad, and add a comment if you like.`,
      `The link works once and until ${request.expiresAt.toUTCString()}.`,
    ],
    { href, label: "Tell us how we did" },
    ["The link answers this one question only: it does not sign you in."],
  );
}
