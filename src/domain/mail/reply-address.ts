// The signed reply address of a ticket (issue 12): `support+<token>@<MAIL_DOMAIN>`. Outbound mail puts
// it in Reply-To; inbound mail sent to it threads onto that ticket. The token is the ticket id and a MAC
// over the organization and the ticket, so it cannot be guessed, moved to another ticket, or replayed in
// another organization's mailbox. Only ids ever go into it: a leaked address reveals nothing but itself.
//
// Layout: base32(ticketId[16 bytes] ‖ HMAC-SHA256(key, "v1:" org ":" ticket)[10 bytes]) = 42 characters,
// lower-case RFC 4648 alphabet without padding. Lower case because some MTAs lower-case local parts; 80
// bits of MAC because the address is public for as long as the ticket lives. The organization is not in
// the token (with it, the local part would pass the 64-octet limit of RFC 5321): the reader says which
// organization the ticket belongs to (or which organization's mailbox the mail came in through), and the
// MAC decides whether the token was made for exactly that pair.
import { createHmac, timingSafeEqual } from "node:crypto";
import { domainToASCII } from "node:url";
import { derivedKey } from "@/lib/derived-key";
import { env } from "@/lib/env";

export const REPLY_LOCAL_PART = "support";
const MAC_BYTES = 10;
const ID_BYTES = 16;
const TOKEN_BYTES = ID_BYTES + MAC_BYTES;
export const REPLY_TOKEN_LENGTH = Math.ceil((TOKEN_BYTES * 8) / 5); // 42
const ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
// Nothing longer than a header line is an address worth parsing (RFC 5322: 998 octets).
const MAX_ADDRESS_LENGTH = 998;

export interface ReplyTarget {
  organizationId: string;
  ticketId: string;
}

/** Which organization a ticket id belongs to, or null: a database lookup, or the mailbox's own organization. */
export type OrganizationOf = (ticketId: string) => string | null | Promise<string | null>;

/** The domain of reply addresses: MAIL_DOMAIN, else the domain of MAIL_FROM ("Helpdesk <help@example.com>"). */
export function replyDomain(): string {
  const { MAIL_DOMAIN, MAIL_FROM } = env();
  return (MAIL_DOMAIN ?? /@([^@<>\s]+)>?\s*$/.exec(MAIL_FROM)?.[1] ?? "localhost").toLowerCase();
}

/**
 * True for the reply domain and every name under it, however spelled (case, a trailing dot, Unicode or
 * punycode). Mail there belongs to whichever organization its signed token names, never to a mailbox
 * (attack pass b, B1): a reply whose `+token` a mail system stripped must not land in another tenant.
 */
export function inReplyDomain(domain: string): boolean {
  const ascii = domainToASCII(domain.trim().toLowerCase().replace(/\.$/, ""));
  const reply = replyDomain();
  return ascii === reply || ascii.endsWith(`.${reply}`);
}

export function replyAddressFor(target: ReplyTarget): string {
  return `${REPLY_LOCAL_PART}+${replyTokenFor(target)}@${replyDomain()}`;
}

export function replyTokenFor({ organizationId, ticketId }: ReplyTarget): string {
  const org = organizationId.toLowerCase();
  const ticket = ticketId.toLowerCase();
  if (!UUID.test(org) || !UUID.test(ticket)) throw new Error("reply addresses are made for uuid ids only");
  return base32(Buffer.concat([Buffer.from(ticket.replaceAll("-", ""), "hex"), mac(org, ticket)]));
}

/**
 * The ticket a reply address stands for, when its token is genuine for the organization `organizationOf`
 * names; null for anything else (no token, truncated, altered, made for another organization or ticket).
 * Accepts what mail software does to an address: any letter case, a display name, angle brackets, quotes,
 * further `+` subaddresses. The MAC comparison takes the same time whatever the token.
 */
export async function parseReplyAddress(address: string, organizationOf: OrganizationOf): Promise<ReplyTarget | null> {
  const token = replyTokenIn(address);
  if (!token) return null;
  const ticketId = uuidOf(token.subarray(0, ID_BYTES));
  const claimed = token.subarray(ID_BYTES);
  const org = await organizationOf(ticketId);
  // An unknown ticket still costs one MAC and one comparison, against an organization that cannot exist.
  const organizationId = org && UUID.test(org.toLowerCase()) ? org.toLowerCase() : "00000000-0000-0000-0000-000000000000";
  const genuine = timingSafeEqual(mac(organizationId, ticketId), claimed);
  return genuine && org ? { organizationId, ticketId } : null;
}

/** The raw token bytes in an address (unverified), or null when it holds none. For parseReplyAddress only. */
function replyTokenIn(address: string): Buffer | null {
  if (address.length > MAX_ADDRESS_LENGTH) return null;
  const bracketed = /<([^<>]*)>\s*$/.exec(address);
  const spec = (bracketed?.[1] ?? address).trim().replace(/^mailto:/i, "");
  const at = spec.lastIndexOf("@");
  if (at <= 0) return null;
  const local = spec.slice(0, at).replaceAll('"', "").toLowerCase();
  const parts = local.split("+");
  if (parts[0] !== REPLY_LOCAL_PART) return null;
  for (const part of parts.slice(1)) {
    const bytes = part.length === REPLY_TOKEN_LENGTH ? unbase32(part) : null;
    if (bytes) return bytes;
  }
  return null;
}

function mac(organizationId: string, ticketId: string): Buffer {
  return createHmac("sha256", derivedKey("mail-reply-address")).update(`v1:${organizationId}:${ticketId}`).digest().subarray(0, MAC_BYTES);
}

function uuidOf(bytes: Buffer): string {
  const h = bytes.toString("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

function base32(bytes: Buffer): string {
  let out = "";
  let acc = 0;
  let bits = 0;
  for (const b of bytes) {
    acc = (acc << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(acc >>> (bits - 5)) & 31];
      bits -= 5;
    }
    acc &= (1 << bits) - 1;
  }
  if (bits > 0) out += ALPHABET[(acc << (5 - bits)) & 31];
  return out;
}

/** Decodes exactly TOKEN_BYTES; refuses other characters and non-canonical trailing bits. */
function unbase32(text: string): Buffer | null {
  const out = Buffer.alloc(TOKEN_BYTES);
  let acc = 0;
  let bits = 0;
  let n = 0;
  for (const ch of text) {
    const v = ALPHABET.indexOf(ch);
    if (v < 0) return null;
    acc = (acc << 5) | v;
    bits += 5;
    if (bits >= 8) {
      if (n >= TOKEN_BYTES) return null;
      out[n++] = (acc >>> (bits - 8)) & 0xff;
      bits -= 8;
    }
    acc &= (1 << bits) - 1;
  }
  if (n !== TOKEN_BYTES || acc !== 0) return null;
  return out;
}
