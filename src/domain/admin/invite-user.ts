import { randomUUID } from "node:crypto";
import { requirePermission, type Actor } from "@/auth/actor";
import { inTenantTransaction } from "@/db/scoped";
import { isUniqueViolation } from "@/db/unique-violation";
import { now } from "@/lib/clock";
import { env } from "@/lib/env";
import { AppError, Conflict } from "@/lib/errors";
import type { TInviteUser } from "./admin.schemas";
import { INVITE_TTL_MS, invitePath, newInviteToken } from "./invite-token";
import { toAdminUserDto } from "./user-dto";

/**
 * Creates a pending user in the admin's organization without a password and returns a one-time link to
 * set one (S17). The link is returned once and never stored: the database keeps only its hash.
 * An address is unique inside an organization (taken here = 409: the admin can see that user anyway),
 * not across organizations: a pending invitee holds no sign-in address (src/db/schema/auth.ts), so an
 * address of another organization's account is invited like any other — a real row that the list, a
 * repeat invite, the user id and the invite page all treat as a fresh invite (issue 9 item 13). Whether
 * it can become an account is decided at acceptance (accept-invite.ts).
 */
export async function inviteUser(actor: Actor, input: TInviteUser) {
  requirePermission(actor, "users.invite");
  const { token, tokenHash } = newInviteToken();
  const expiresAt = new Date(now().getTime() + INVITE_TTL_MS);
  try {
    return await inTenantTransaction(actor, async (s) => {
      const user = await s.users.insertInvited({ id: randomUUID(), name: input.name, email: input.email, role: input.role });
      await s.invites.create(user.id, tokenHash, expiresAt);
      await s.audit.record({ action: "user.invited", targetType: "user", targetId: user.id, data: { role: user.role, expiresAt: expiresAt.toISOString() } });
      return inviteAnswer(user, token, expiresAt);
    });
  } catch (e) {
    if (!(e instanceof AppError) && isUniqueViolation(e)) throw Conflict("A user with this e-mail address already exists");
    throw e;
  }
}

function inviteAnswer(user: { id: string; name: string; email: string; role: TInviteUser["role"]; active: boolean }, token: string, expiresAt: Date) {
  const path = invitePath(token);
  return {
    user: toAdminUserDto({ ...user, mfaEnabled: false, hasPassword: false, createdAt: now() }),
    invitePath: path,
    inviteUrl: new URL(path, env().APP_URL).toString(),
    expiresAt: expiresAt.toISOString(),
  };
}
