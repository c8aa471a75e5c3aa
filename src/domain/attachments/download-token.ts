// Download tokens: the product's one-time link tokens (src/lib/link-token.ts: 256 random bits, handed out
// once, stored only as their SHA-256). The token is the capability; it is also bound to the user and
// organization it was issued to (checked in scoped()).
import { hashLinkToken, isLinkToken, newLinkToken } from "@/lib/link-token";

export function newDownloadToken(): { token: string; hash: string } {
  const { token, tokenHash } = newLinkToken();
  return { token, hash: tokenHash };
}

export const hashDownloadToken = hashLinkToken;

/** Anything that is not 43 base64url characters cannot be one of ours. */
export const isWellFormedToken = isLinkToken;
