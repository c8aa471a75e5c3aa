import { requirePermission, type Actor } from "@/auth/actor";
import { roleCan } from "@/auth/permissions";
import { inTenantTransaction } from "@/db/scoped";
import { Conflict, NotFound } from "@/lib/errors";
import type { TUpdateUser } from "./admin.schemas";
import { assertNotLastAdmin } from "./last-admin";

/**
 * Changes a user's role or active flag inside the admin's organization (S17). Any change of privilege
 * ends all of that user's sessions in the same transaction (S3): they sign in again with the new role.
 */
export async function updateUser(actor: Actor, userId: string, input: TUpdateUser) {
  requirePermission(actor, "users.manage");
  if (userId === actor.userId && (input.role !== undefined || input.active === false)) {
    throw Conflict("You cannot change your own role or deactivate yourself");
  }
  return inTenantTransaction(actor, async (s) => {
    const before = await s.users.find(userId);
    if (!before) throw NotFound("User");
    // An erased person's row is a placeholder (issue 14): nothing to reactivate or promote.
    if (before.erasedAt) throw Conflict("This person has been erased");
    // Whoever may manage users is an administrator here; the last one cannot give that up.
    const isAdmin = (role: typeof before.role) => roleCan(role, "users.manage");
    const losesAdmin = isAdmin(before.role) && before.active && ((input.role !== undefined && !isAdmin(input.role)) || input.active === false);
    if (losesAdmin) await assertNotLastAdmin(s, userId);
    const after = await s.users.update(userId, input);
    // Erased since it was read above (a concurrent erasure held the row): nothing to reactivate or promote.
    if (!after) throw Conflict("This person has been erased");
    const privilegeChanged = before.role !== after.role || (before.active && !after.active);
    const revokedSessions = privilegeChanged ? await s.users.revokeSessions(userId) : 0;
    await s.audit.record({
      action: "user.updated",
      targetType: "user",
      targetId: userId,
      data: { changes: { role: { from: before.role, to: after.role }, active: { from: before.active, to: after.active } }, revokedSessions },
    });
    return { id: after.id, name: after.name, role: after.role, active: after.active };
  });
}
