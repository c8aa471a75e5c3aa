// Which organization a recipient address belongs to, at the SMTP listener (issue 12): one of the
// organizations' mailbox addresses exactly, or a genuine signed reply address in our reply domain.
// Anything else — an unknown address, a made-up or altered reply token — is refused at RCPT TO.
import { unsafeMailboxByAddress } from "@/db/unsafe-mail";
import { unsafeOrganizationOfTicket } from "@/db/unsafe-ticket-organization";
import { parseReplyAddress, replyDomain } from "./reply-address";

export interface RecipientRoute {
  organizationId: string;
  mailboxId: string | null;
}

export async function routeRecipient(address: string): Promise<RecipientRoute | null> {
  const clean = address.trim().toLowerCase();
  if (clean.length > 254) return null;
  const mailbox = await unsafeMailboxByAddress(clean);
  if (mailbox) return mailbox;
  if (clean.slice(clean.lastIndexOf("@") + 1) !== replyDomain()) return null;
  const target = await parseReplyAddress(clean, unsafeOrganizationOfTicket);
  return target ? { organizationId: target.organizationId, mailboxId: null } : null;
}
