// One-time link tokens (S17 invites, issue 13 satisfaction links): 32 random bytes in the link, only their
// SHA-256 in the database, so a read of any table yields no usable link. Every single-use link of the
// product is made here; what it is bound to (invitee, ticket and resolution) lives in the row its hash keys.
import { createHash, randomBytes } from "node:crypto";

/** A token as newLinkToken makes it: 43 base64url characters. Anything else names nothing. */
export const LINK_TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

export function newLinkToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, tokenHash: hashLinkToken(token) };
}

export function hashLinkToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export function isLinkToken(token: string): boolean {
  return LINK_TOKEN_SHAPE.test(token);
}
