// Which addresses an organization may claim as a mailbox (issue 12; attack pass b, B1). The SMTP listener
// routes mail by mailbox address before anything else, so a mailbox is a claim on every mail sent to that
// address. Refused: the shared reply domain and every name under it (replies whose `+token` a mail system
// stripped land there) and the sender address MAIL_FROM (bounces and auto-replies come back to it); and
// any domain, or a name under it, in which another organization's staff have their accounts; and any
// domain another organization has proved by DNS (mail-domains.ts), or a name under it. One message for
// every reason, so the answer tells no one which organization uses what. The organization's own
// duplicate stays a 409 (mailboxes.ts). Listing an address is no claim on its mail any more: the SMTP
// listener routes it only once the organization has verified the domain (route-recipient.ts), so two
// organizations may list one address until one of them proves the domain.
import type { Actor } from "@/auth/actor";
import { unsafeStaffDomainElsewhere, unsafeVerifiedOverlapping } from "@/db/unsafe-mail";
import { env } from "@/lib/env";
import { InvalidField } from "@/lib/errors";
import { asciiDomain, displayDomain, domainAndParents } from "./mail-domain";
import { inReplyDomain } from "./reply-address";

export const ADDRESS_NOT_CLAIMABLE = "cannot be used for a mailbox of this organization";

/** The one refusal for a reserved address, another organization's domain and an address taken elsewhere. */
export const addressNotClaimable = () => InvalidField("address", ADDRESS_NOT_CLAIMABLE);

function isMailFrom(address: string): boolean {
  const from = /<?([^<>\s]+@[^<>\s]+)>?\s*$/.exec(env().MAIL_FROM)?.[1]?.toLowerCase();
  return from !== undefined && from.replace(/\.$/, "") === address;
}

export async function assertMailboxAddressClaimable(actor: Actor, address: string): Promise<void> {
  const clean = address.trim().toLowerCase();
  const domain = clean.slice(clean.lastIndexOf("@") + 1);
  const ascii = asciiDomain(domain);
  if (!ascii || inReplyDomain(domain) || isMailFrom(clean)) throw addressNotClaimable();
  const [self, ...above] = domainAndParents(ascii);
  // Staff addresses are stored as typed: each name in its ASCII and its Unicode spelling.
  const spellings = [...new Set([self!, ...above].flatMap((n) => [n, displayDomain(n).toLowerCase()]))];
  if (await unsafeStaffDomainElsewhere(actor.orgId, spellings)) throw addressNotClaimable();
  // Another organization verified this domain or one above it: its mail goes there, never here.
  const verified = await unsafeVerifiedOverlapping(actor.orgId, self!, above);
  if (verified.some((o) => o.domain === self || above.includes(o.domain))) throw addressNotClaimable();
}
