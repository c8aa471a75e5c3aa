// The one answer to "How did we do?" per resolution (issue 13), through either door: the e-mailed
// single-use link (signed out, or signed in as its requester) or the requester's ticket page. Both spend
// the same request row with one conditional UPDATE under the ticket's row lock, so a reuse, a second tab
// or two answers at once leave exactly one rating; a reopen withdraws the question, and its old link
// then answers nothing.
import { requirePermission, type Actor } from "@/auth/actor";
import { actorForAddressOwner } from "@/auth/system-actor";
import type { SatisfactionRequest } from "@/db/schema";
import { inTenantTransaction, type Scoped } from "@/db/scoped";
import { isUniqueViolation } from "@/db/unique-violation";
import { unsafeFindSatisfactionLink } from "@/db/unsafe-satisfaction";
import { requireTicket } from "@/domain/tickets/get-ticket";
import { now } from "@/lib/clock";
import { AppError, Forbidden, NotFound } from "@/lib/errors";
import { hashLinkToken, isLinkToken } from "@/lib/link-token";
import type { TSatisfactionAnswer, TTicketSatisfactionAnswer } from "./satisfaction.schemas";
import { toSatisfactionDto } from "./satisfaction-dto";

type Meta = { ip: string | null; userAgent: string | null };

/** Unknown, tampered and truncated links, and links of a requester no longer active, look the same. */
const unknownLink = () => NotFound("Satisfaction link");
export const alreadyAnswered = () => new AppError("conflict", "This resolution was already rated: thank you", undefined, undefined, { reason: "answered" });
export const noLongerAsked = () =>
  new AppError("conflict", "This question is no longer open: the ticket was reopened or the link expired", undefined, undefined, { reason: "closed" });

/**
 * The link's answer. `session` is whoever is signed in on this browser: the link is bound to its requester,
 * so another person's session is refused (another organization's with a 404, like any id of another
 * tenant) rather than answering in the requester's name. Without a session the link alone authorises this
 * one answer, as the requester and nothing more: no session is created, nothing else is shown.
 */
export async function answerByLink(token: string, input: TSatisfactionAnswer, session: Actor | null, meta: Meta) {
  if (!isLinkToken(token)) throw unknownLink();
  const link = await unsafeFindSatisfactionLink(hashLinkToken(token));
  if (!link) throw unknownLink();
  const { request, requester } = link;
  if (session && session.orgId !== request.organizationId) throw unknownLink();
  if (session && session.userId !== request.requesterId) throw Forbidden("This link was sent to someone else");
  // The mailbox the link went to is its reader's proof of address (issue 12), as for the e-mail itself.
  const actor: Actor = session ?? { ...actorForAddressOwner(requester, request.organizationId), ...meta };
  return spend(actor, request.ticketId, (s) => s.satisfaction.find(request.id), input, "link");
}

/** The ticket page's answer: the signed-in requester, about the resolution the page showed them. */
export async function answerOnTicket(actor: Actor, ticketId: string, input: TTicketSatisfactionAnswer) {
  requirePermission(actor, "satisfaction.answer");
  return spend(
    actor,
    ticketId,
    async (s) => {
      const latest = await s.satisfaction.latestOf(ticketId);
      // Only the resolution the page asked about, and only the current one.
      if (!latest || latest.resolution !== input.resolution) throw noLongerAsked();
      return latest;
    },
    input,
    "ticket_page",
  );
}

async function spend(
  actor: Actor,
  ticketId: string,
  findRequest: (s: Scoped) => Promise<SatisfactionRequest | null>,
  input: TSatisfactionAnswer,
  via: "link" | "ticket_page",
) {
  const at = now();
  try {
    return await inTenantTransaction(actor, async (s) => {
      // The ticket's row lock orders this answer with a reopen (which withdraws) and with a second answer.
      const ticket = await requireTicket(actor, ticketId, s, { forUpdate: true });
      const notAsked = () => Forbidden("Only the ticket's requester is asked how we did");
      if (ticket.requesterId !== actor.userId) throw notAsked();
      const request = await findRequest(s);
      if (!request || request.ticketId !== ticket.id) throw unknownLink();
      if (request.requesterId !== actor.userId) throw notAsked();
      const spent = await s.satisfaction.consume(request.id, at);
      if (!spent) throw request.answeredAt ? alreadyAnswered() : noLongerAsked();
      const rating = await s.satisfaction.insertRating(spent, input, at);
      await s.audit.record({
        action: "satisfaction.answered",
        targetType: "ticket",
        targetId: ticket.id,
        // The comment is the requester's words: the trail records that there was one, not the text.
        data: { resolution: spent.resolution, rating: input.rating, comment: input.comment !== null, via },
      });
      return toSatisfactionDto(rating);
    });
  } catch (e) {
    // The database's one-answer-per-resolution rule, should two answers pass the UPDATE's check at once.
    if (!(e instanceof AppError) && isUniqueViolation(e)) throw alreadyAnswered();
    throw e;
  }
}
