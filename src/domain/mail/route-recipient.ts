// Which organization a recipient address belongs to, at the SMTP listener (issue 12): one of the
// organizations' mailbox addresses exactly, or a genuine signed reply address in our reply domain.
// Anything else — an unknown address, a made-up or altered reply token — is refused at RCPT TO. The reply
// domain is decided first and only by the token: no mailbox row, not even one older than the rule that
// refuses such addresses (mailbox-address.ts), can take mail sent there (attack pass b, B1).
// A mailbox address routes only when its organization has proved the domain (or a parent of it) by DNS
// (verify-mail-domain.ts): an unverified domain is refused exactly like an unknown address, same 550 and
// same words, so the answer does not tell a prober which addresses some organization has listed.
import { unsafeMailboxByAddress } from "@/db/unsafe-mail";
import { unsafeOrganizationOfTicket } from "@/db/unsafe-ticket-organization";
import { asciiDomain, domainAndParents } from "./mail-domain";
import { inReplyDomain, parseReplyAddress, replyDomain } from "./reply-address";

export interface RecipientRoute {
  organizationId: string;
  mailboxId: string | null;
}

export async function routeRecipient(address: string): Promise<RecipientRoute | null> {
  const clean = address.trim().toLowerCase();
  if (clean.length > 254) return null;
  const domain = clean.slice(clean.lastIndexOf("@") + 1);
  if (!inReplyDomain(domain)) {
    // One spelling of the domain (a Unicode or trailing-dot RCPT TO is the same mailbox as its punycode).
    const ascii = asciiDomain(domain);
    if (!ascii) return null;
    return unsafeMailboxByAddress(`${clean.slice(0, clean.lastIndexOf("@"))}@${ascii}`, domainAndParents(ascii));
  }
  if (domain !== replyDomain()) return null;
  const target = await parseReplyAddress(clean, unsafeOrganizationOfTicket);
  return target ? { organizationId: target.organizationId, mailboxId: null } : null;
}
