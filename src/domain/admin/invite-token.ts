// Invite tokens (S17): 32 random bytes in the link, only their SHA-256 in the database.
import { createHash, randomBytes } from "node:crypto";

export const INVITE_TTL_MS = 72 * 60 * 60 * 1000;

export function newInviteToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, tokenHash: hashInviteToken(token) };
}

export function hashInviteToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export function invitePath(token: string): string {
  return `/app/invite/${token}`;
}

/** What an invite link's sealed token is bound to in the outbox (src/lib/sealed.ts): its invitee. */
export const inviteTokenContext = (userId: string) => `invite:${userId}`;
