// Which organization a recipient address belongs to, at the SMTP listener (issue 12): one of the
// organizations' mailbox addresses exactly, or a genuine signed reply address in our reply domain.
// Anything else — an unknown address, a made-up or altered reply token — is refused at RCPT TO. The reply
// domain is decided first and only by the token: no mailbox row, not even one older than the rule that
// refuses such addresses (mailbox-address.ts), can take mail sent there (attack pass b, B1).
import { unsafeMailboxByAddress } from "@/db/unsafe-mail";
import { unsafeOrganizationOfTicket } from "@/db/unsafe-ticket-organization";
import { inReplyDomain, parseReplyAddress, replyDomain } from "./reply-address";

export interface RecipientRoute {
  organizationId: string;
  mailboxId: string | null;
}

export async function routeRecipient(address: string): Promise<RecipientRoute | null> {
  const clean = address.trim().toLowerCase();
  if (clean.length > 254) return null;
  const domain = clean.slice(clean.lastIndexOf("@") + 1);
  if (!inReplyDomain(domain)) return unsafeMailboxByAddress(clean);
  if (domain !== replyDomain()) return null;
  const target = await parseReplyAddress(clean, unsafeOrganizationOfTicket);
  return target ? { organizationId: target.organizationId, mailboxId: null } : null;
}
