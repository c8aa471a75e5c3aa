import { requirePermission, type Actor } from "@/auth/actor";
import { inTenantTransaction } from "@/db/scoped";
import { Conflict, NotFound } from "@/lib/errors";

/**
 * For a user who lost their authenticator (S2, S17): removes the TOTP secret and backup codes, turns MFA
 * off and ends every session (S3), audited. If the organization requires MFA, the user is sent to enrol
 * again on their next sign-in. Admins reset their own MFA under Account security, which asks for the password.
 */
export async function resetUserMfa(actor: Actor, userId: string) {
  requirePermission(actor, "users.mfa.reset");
  if (userId === actor.userId) throw Conflict("Manage your own two-factor authentication under Account security");
  return inTenantTransaction(actor, async (s) => {
    const user = await s.users.find(userId);
    if (!user) throw NotFound("User");
    const { removedFactors } = await s.users.resetMfa(userId);
    const revokedSessions = await s.users.revokeSessions(userId);
    await s.audit.record({ action: "user.mfa_reset", targetType: "user", targetId: userId, data: { removedFactors, revokedSessions } });
    return { id: user.id, mfaEnabled: false, revokedSessions };
  });
}
