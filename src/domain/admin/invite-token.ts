// Invite tokens (S17): the product's one-time link tokens (src/lib/link-token.ts), bound to an invitee.
import { hashLinkToken, newLinkToken } from "@/lib/link-token";

export const INVITE_TTL_MS = 72 * 60 * 60 * 1000;

export const newInviteToken = newLinkToken;
export const hashInviteToken = hashLinkToken;

export function invitePath(token: string): string {
  return `/app/invite/${token}`;
}

/** What an invite link's sealed token is bound to in the outbox (src/lib/sealed.ts): its invitee. */
export const inviteTokenContext = (userId: string) => `invite:${userId}`;
