import { randomUUID } from "node:crypto";
import { hashPassword } from "@/auth/password-hashing";
import type { Actor } from "@/auth/actor";
import { judgeNewPassword } from "@/auth/judge-new-password";
import { rateLimitedError } from "@/lib/rate-limit/limiter";
import { inTenantTransaction } from "@/db/scoped";
import { isUniqueViolation } from "@/db/unique-violation";
import { unsafeFindAccountByEmail } from "@/db/unsafe-auth-lookups";
import { unsafeFindUsableInvite, type UsableInvite } from "@/db/unsafe-invites";
import { AppError, InvalidField } from "@/lib/errors";
import { isLinkToken } from "@/lib/link-token";
import type { TAcceptInvite } from "./admin.schemas";
import { hashInviteToken } from "./invite-token";

/**
 * Unknown, used, expired, revoked links and links for an address that already signs in look the same
 * (issue 12, F3): the link alone must not tell which it was.
 */
const NO_ADDRESS = "nobody@invalid.invalid";
const unusable = () => new AppError("not_found", "This invite link is invalid, has expired or was already used");

/**
 * The invitee acts on their own behalf once the link has named them: their organization comes from the
 * invite row (never from the request), with no session and no extra rights.
 */
function inviteeActor(invite: UsableInvite, meta: { ip: string | null; userAgent: string | null }): Actor {
  return {
    userId: invite.userId,
    orgId: invite.organizationId,
    role: invite.role,
    name: invite.name,
    sessionId: "",
    mfaEnabled: false,
    mfaRequired: false,
    ...meta,
  };
}

/**
 * Public (S17): sets the invitee's password through a one-time link and creates their credential account,
 * then the link is spent. The password policy (S3) applies; a refused password leaves the link usable.
 * One address, one account: when an account (of any organization) already signs in with the invitee's
 * address, the invite cannot become a second one and the answer is the unusable link's, before the
 * password is even looked at (issue 9 item 13). The unique sign-in address in the database decides a race
 * between two organizations' invitees, with the same answer. The link goes only to the invitee's mailbox
 * (issue 12): accepting proves the address is theirs (emailVerified), and this answer is told to no one else.
 */
export async function acceptInvite(token: string, input: TAcceptInvite, meta: { ip: string | null; userAgent: string | null }) {
  const tokenHash = hashInviteToken(token);
  const invite = await unsafeFindUsableInvite(tokenHash);
  // The same two lookups whatever the link (F3): an unknown, used or expired link costs what a link for an
  // address taken elsewhere costs, and both get the one answer.
  const taken = await unsafeFindAccountByEmail(invite?.email ?? NO_ADDRESS);
  if (!invite || taken) throw unusable();
  // The name the invitee is about to give themselves counts as theirs too.
  const name = input.name && input.name !== invite.name ? `${invite.name} ${input.name}` : invite.name;
  const judged = await judgeNewPassword(invite.userId, input.password, { email: invite.email, name, orgName: invite.orgName, orgSlug: invite.orgSlug });
  if (judged.kind === "refused_budget") throw rateLimitedError("password_check.account", judged.decision);
  if (judged.kind === "weak") throw InvalidField("password", judged.problem);
  const passwordHash = await hashPassword(input.password);
  try {
    return await inTenantTransaction(inviteeActor(invite, meta), async (s) => {
      const used = await s.invites.consume(tokenHash);
      if (!used || used.userId !== invite.userId) throw unusable();
      if (!(await s.users.createCredential(invite.userId, passwordHash, randomUUID()))) throw unusable();
      const nameChanged = Boolean(input.name && input.name !== invite.name);
      if (nameChanged) await s.users.rename(invite.userId, input.name!);
      await s.audit.record({ action: "user.invite_accepted", targetType: "user", targetId: invite.userId, data: { nameChanged } });
      return { email: invite.email };
    });
  } catch (e) {
    if (!(e instanceof AppError) && isUniqueViolation(e)) throw unusable();
    throw e;
  }
}

/**
 * For the invite page: whom a still-usable link is for (the link holder is that person), else null. An
 * invite for an address that signs in elsewhere shows like any other (issue 9 item 13: only acceptance
 * tells, see acceptInvite).
 */
export async function describeInvite(token: string): Promise<{ name: string; email: string } | null> {
  if (!isLinkToken(token)) return null;
  const invite = await unsafeFindUsableInvite(hashInviteToken(token));
  return invite ? { name: invite.name, email: invite.email } : null;
}
