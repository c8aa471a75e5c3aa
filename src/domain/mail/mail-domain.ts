// Domain names for mailbox ownership (issue 12 follow-up, attack pass b: first-come mailbox claims). One
// spelling everywhere: lower-case ASCII (punycode), no trailing dot — so "Bücher.Example.", "bücher.example"
// and "xn--bcher-kva.example" are one domain, verified once, published at one DNS name.
import { createHmac } from "node:crypto";
import { domainToASCII, domainToUnicode } from "node:url";
import { derivedKey } from "@/lib/derived-key";

const LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

/** The domain in its one spelling, or null when it is not a host name of at least two labels. */
export function asciiDomain(input: string): string | null {
  const trimmed = input.trim().toLowerCase().replace(/\.$/, "");
  if (trimmed === "" || trimmed.length > 253) return null;
  const ascii = domainToASCII(trimmed);
  if (!ascii || ascii.length > 253) return null;
  const labels = ascii.split(".");
  if (labels.length < 2 || !labels.every((l) => LABEL.test(l))) return null;
  return ascii;
}

/** How a person reads it: the Unicode spelling of an IDN, the name itself otherwise. */
export const displayDomain = (ascii: string) => domainToUnicode(ascii) || ascii;

/** The domain and every domain above it that still has two labels, most specific first. */
export function domainAndParents(ascii: string): string[] {
  const labels = ascii.split(".");
  return labels.slice(0, -1).map((_, i) => labels.slice(i).join("."));
}

/** The domain of an address in its one spelling (null when the part after @ is no domain). */
export function addressDomain(address: string): string | null {
  const at = address.lastIndexOf("@");
  return at < 0 ? null : asciiDomain(address.slice(at + 1));
}

export const VERIFICATION_PREFIX = "_helpdesk-verification";
export const VERIFICATION_VALUE_PREFIX = "helpdesk-verification=";

/**
 * What only this organization can publish for this domain: an HMAC of both under a key derived from the
 * app secret for this purpose alone. Another organization's value, or this value for another domain, is
 * not it. Not secret once published (anyone can read DNS); it proves who asked for it to be published.
 */
export function verificationValue(organizationId: string, ascii: string): string {
  return createHmac("sha256", derivedKey("mail-domain-verification")).update(`${organizationId}\n${ascii}`).digest("base64url");
}

/** The TXT record the admin publishes: its name and its whole value. */
export function verificationRecord(organizationId: string, ascii: string): { name: string; value: string } {
  return { name: `${VERIFICATION_PREFIX}.${ascii}`, value: `${VERIFICATION_VALUE_PREFIX}${verificationValue(organizationId, ascii)}` };
}
