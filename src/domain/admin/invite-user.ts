import { randomUUID } from "node:crypto";
import { requirePermission, type Actor } from "@/auth/actor";
import { inTenantTransaction } from "@/db/scoped";
import { isUniqueViolation } from "@/db/unique-violation";
import { unsafeFindAccountByEmail } from "@/db/unsafe-auth-lookups";
import { now } from "@/lib/clock";
import { env } from "@/lib/env";
import { AppError, Conflict } from "@/lib/errors";
import type { TInviteUser } from "./admin.schemas";
import { INVITE_TTL_MS, invitePath, newInviteToken } from "./invite-token";
import { toAdminUserDto } from "./user-dto";

/** Thrown inside the decoy transaction so that everything it wrote is rolled back. */
class DecoyRollback extends Error {}

/**
 * Creates a user in the admin's organization without a password and returns a one-time link to set one
 * (S17). The link is returned once and never stored: the database keeps only its hash. E-mail addresses
 * are unique across the whole system: a taken address in the admin's own organization is a 409 (the
 * admin can see that user anyway). Issue 9 item 13: an address taken in ANOTHER organization must not be
 * revealed, so the answer is a fresh invite's — same status, same body shape, same work (the very same
 * inserts and audit append, on a placeholder address, rolled back) — and nothing is linked across
 * tenants: the returned link leads nowhere, no user is created.
 */
export async function inviteUser(actor: Actor, input: TInviteUser) {
  requirePermission(actor, "users.invite");
  const { token, tokenHash } = newInviteToken();
  const expiresAt = new Date(now().getTime() + INVITE_TTL_MS);
  const taken = await unsafeFindAccountByEmail(input.email);
  const decoy = taken !== null && taken.organizationId !== actor.orgId;
  let answer: ReturnType<typeof inviteAnswer> | undefined;
  try {
    return await inTenantTransaction(actor, async (s) => {
      const email = decoy ? `decoy-${randomUUID()}@invalid.invalid` : input.email;
      const user = await s.users.insertInvited({ id: randomUUID(), name: input.name, email, role: input.role });
      await s.invites.create(user.id, tokenHash, expiresAt);
      await s.audit.record({ action: "user.invited", targetType: "user", targetId: user.id, data: { role: user.role, expiresAt: expiresAt.toISOString() } });
      answer = inviteAnswer({ ...user, email: input.email }, token, expiresAt);
      if (decoy) throw new DecoyRollback();
      return answer;
    });
  } catch (e) {
    if (e instanceof DecoyRollback && answer) return answer;
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
