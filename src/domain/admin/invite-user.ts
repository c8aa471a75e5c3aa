import { randomUUID } from "node:crypto";
import { requirePermission, type Actor } from "@/auth/actor";
import { inTenantTransaction } from "@/db/scoped";
import { isUniqueViolation } from "@/db/unique-violation";
import { now } from "@/lib/clock";
import { env, isProduction } from "@/lib/env";
import { AppError, Conflict } from "@/lib/errors";
import { mailEnabled } from "@/lib/mailer";
import { seal } from "@/lib/sealed";
import type { TInviteUser } from "./admin.schemas";
import { INVITE_TTL_MS, inviteTokenContext, invitePath, newInviteToken } from "./invite-token";
import { toAdminUserDto } from "./user-dto";

/** How the link reaches the invitee: by e-mail, or (development without SMTP only) shown to the admin. */
export type TInviteDelivery = "email" | "link";

/**
 * Creates a pending user in the admin's organization without a password and e-mails them a one-time link
 * to set one (S17, issue 12). Accepting the link proves the invitee owns the address: the admin never sees
 * it (F2 — whoever held the link could claim any address for this organization). The link is queued in
 * the outbox sealed, and the database keeps only its hash. Only in development without SMTP_URL is the
 * link returned to the admin instead; production without e-mail refuses to invite (503).
 * An address is unique inside an organization (taken here = 409: the admin can see that user anyway),
 * not across organizations: a pending invitee holds no sign-in address (src/db/schema/auth.ts), so an
 * address of another organization's account is invited like any other — a real row that the list, a
 * repeat invite, the user id and the invite page all treat as a fresh invite (issue 9 item 13). What the
 * mailbox then receives (the link, or a note that the address already has an account) is decided when
 * the mail is sent (domain/mail/account-mail.ts), out of the admin's sight.
 */
export async function inviteUser(actor: Actor, input: TInviteUser) {
  requirePermission(actor, "users.invite");
  const delivery: TInviteDelivery = mailEnabled() ? "email" : "link";
  if (delivery === "link" && isProduction()) {
    throw new AppError("unavailable", "Invitations are sent by e-mail, and e-mail is not set up (SMTP_URL)");
  }
  const { token, tokenHash } = newInviteToken();
  const expiresAt = new Date(now().getTime() + INVITE_TTL_MS);
  try {
    return await inTenantTransaction(actor, async (s) => {
      const user = await s.users.insertInvited({ id: randomUUID(), name: input.name, email: input.email, role: input.role });
      await s.invites.create(user.id, user.email, tokenHash, expiresAt);
      if (delivery === "email") {
        await s.outbox.enqueue([
          {
            channel: "email",
            eventType: "user.invited",
            payload: {
              kind: "invite",
              to: user.email,
              recipientId: user.id,
              sealedToken: seal(token, inviteTokenContext(user.id)),
              expiresAt: expiresAt.toISOString(),
            },
          },
        ]);
      }
      await s.audit.record({
        action: "user.invited",
        targetType: "user",
        targetId: user.id,
        data: { role: user.role, expiresAt: expiresAt.toISOString(), delivery },
      });
      return inviteAnswer(user, delivery === "link" ? token : null, expiresAt, delivery);
    });
  } catch (e) {
    if (!(e instanceof AppError) && isUniqueViolation(e)) throw Conflict("A user with this e-mail address already exists");
    throw e;
  }
}

function inviteAnswer(
  user: { id: string; name: string; email: string; role: TInviteUser["role"]; active: boolean },
  token: string | null,
  expiresAt: Date,
  delivery: TInviteDelivery,
) {
  const link = token ? { invitePath: invitePath(token), inviteUrl: new URL(invitePath(token), env().APP_URL).toString() } : {};
  return {
    user: toAdminUserDto({ ...user, mfaEnabled: false, hasPassword: false, createdAt: now() }),
    delivery,
    ...link,
    expiresAt: expiresAt.toISOString(),
  };
}
