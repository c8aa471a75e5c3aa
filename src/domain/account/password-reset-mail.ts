// Password reset, the parts Better Auth calls back (issue 12). The library makes the token (30 minutes,
// single use, stored hashed: auth/reset-token-storage.ts) and calls sendResetPasswordMail; we queue the
// e-mail in the account's organization's outbox with the token sealed, and audit the request. A reset
// link goes only to an active account's address: a deactivated user's token is deleted unsent, and a
// pending invitee is never found (no sign-in address). After a reset, afterPasswordReset ends every other
// reset link and audits it; the library has already revoked every session in the same transaction as the
// new password, and the new password has ended every device cookie's standing (credential version).
import { AsyncLocalStorage } from "node:async_hooks";
import { systemActor } from "@/auth/system-actor";
import { hashResetIdentifier, RESET_IDENTIFIER_PREFIX } from "@/auth/reset-token-storage";
import { clientIp } from "@/auth/client-ip";
import { inTenantTransaction } from "@/db/scoped";
import { unsafeFindAccountById, unsafeResettableUser } from "@/db/unsafe-auth-lookups";
import { unsafeDeleteResetTokens } from "@/db/unsafe-password-reset";
import { recordSecurityEvent } from "@/domain/audit/record-security-event";
import { now } from "@/lib/clock";
import { logger } from "@/lib/logger";
import { mailEnabled } from "@/lib/mailer";
import { seal } from "@/lib/sealed";

export const RESET_TOKEN_TTL_SEC = 30 * 60;

/** Who asked, carried from the queued request into the library's callback (the worker has no Request). */
export interface ResetRequestMeta {
  ip: string | null;
  userAgent: string | null;
}
export const resetRequestMeta = new AsyncLocalStorage<ResetRequestMeta>();

export const resetTokenContext = (userId: string) => `password_reset:${userId}`;

/** Better Auth's `sendResetPassword`: the library has found the account and stored a fresh token. */
export async function sendResetPasswordMail({ user, token }: { user: { id: string }; token: string }): Promise<void> {
  const meta = resetRequestMeta.getStore() ?? { ip: null, userAgent: null };
  const stored = await hashResetIdentifier(`${RESET_IDENTIFIER_PREFIX}${token}`);
  const target = await unsafeResettableUser(user.id);
  if (!target) {
    // A deactivated account gets no link; its token must not outlive this call either.
    await unsafeDeleteResetTokens(user.id);
    const account = await unsafeFindAccountById(user.id);
    if (account) {
      await recordSecurityEvent({
        organizationId: account.organizationId,
        actorId: null,
        action: "auth.password_reset_refused",
        targetType: "user",
        targetId: user.id,
        data: { reason: "inactive" },
        ...meta,
      });
    }
    return;
  }
  // One link at a time: a new request replaces the links sent before it.
  await unsafeDeleteResetTokens(user.id, stored);
  if (!mailEnabled()) logger.warn({ event: "auth.password_reset_unsendable" }, "password reset requested but e-mail is off (SMTP_URL unset)");
  const expiresAt = new Date(now().getTime() + RESET_TOKEN_TTL_SEC * 1000);
  await inTenantTransaction({ ...systemActor(target.organizationId, "password-reset"), ...meta }, async (s) => {
    if (mailEnabled()) {
      await s.outbox.enqueue([
        {
          channel: "email",
          eventType: "auth.password_reset",
          payload: {
            kind: "password_reset",
            to: target.email,
            recipientId: target.userId,
            sealedToken: seal(token, resetTokenContext(target.userId)),
            expiresAt: expiresAt.toISOString(),
          },
        },
      ]);
    }
    await s.audit.record({ action: "auth.password_reset_requested", targetType: "user", targetId: target.userId, data: { mailed: mailEnabled() } });
  });
}

/** Better Auth's `onPasswordReset`: the new password is saved and the user's sessions are gone. */
export async function afterPasswordReset({ user }: { user: { id: string } }, request?: Request): Promise<void> {
  // Device cookies need nothing here: the new password bumps the user's credential version in the
  // database (migration 0017), and every cookie issued under the old one grants nothing.
  const otherLinks = await unsafeDeleteResetTokens(user.id);
  const account = await unsafeFindAccountById(user.id);
  if (!account) return;
  await recordSecurityEvent({
    organizationId: account.organizationId,
    actorId: user.id,
    action: "auth.password_reset",
    targetType: "user",
    targetId: user.id,
    data: { sessionsRevoked: true, devicesRevoked: true, otherLinksRevoked: otherLinks },
    ip: request ? clientIp(request.headers) : null,
    userAgent: request?.headers.get("user-agent")?.slice(0, 512) ?? null,
  });
}
