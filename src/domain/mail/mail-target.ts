// Which ticket a mail answers (issue 12): the signed reply address it was sent to, else the Message-IDs
// its In-Reply-To/References name. A reply address whose token is not genuine for this organization
// (forged, altered, made for another tenant) threads nothing.
import type { InboundMail } from "@/db/schema";
import type { Scoped, VisibleTicket } from "@/db/scoped";
import { parseReplyAddress, REPLY_LOCAL_PART } from "./reply-address";
import type { ReadMail } from "./read-mail";

export interface MailTarget {
  ticket: VisibleTicket | null;
  /** How it was found, or why a reply address was not believed. */
  note: string | null;
}

const TOKEN_ADDRESS = new RegExp(`^"?${REPLY_LOCAL_PART}\\+`, "i");

/** `s` is the organization's system scope (staff visibility): the ticket is looked up, not yet shown. */
export async function findMailTarget(s: Scoped, mail: InboundMail, read: ReadMail): Promise<MailTarget> {
  const candidates = [...new Set([...(mail.envelopeTo ?? []), ...read.recipients])].filter((a) => TOKEN_ADDRESS.test(a));
  let forged = false;
  for (const address of candidates) {
    // The token must be genuine for the organization whose mailbox received the mail.
    const target = await parseReplyAddress(address, () => mail.organizationId);
    const ticket = target ? await s.tickets.find(target.ticketId) : null;
    if (ticket) return { ticket, note: "threaded by its reply address" };
    forged = true;
  }
  const byHeaders = await s.mailMessages.ticketIdOf(read.references);
  const ticket = byHeaders ? await s.tickets.find(byHeaders) : null;
  const refused = forged ? "a reply address with a token that is not genuine was ignored" : null;
  if (ticket) return { ticket, note: refused ? `${refused}; threaded by its In-Reply-To/References` : "threaded by its In-Reply-To/References" };
  return { ticket: null, note: refused };
}
