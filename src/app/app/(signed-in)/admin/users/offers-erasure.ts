import { type Actor, can } from "@/auth/actor";
import { roleCan } from "@/auth/permissions";
import type { TAdminUser } from "@/domain/admin/user-dto";

/**
 * Whether the users page offers "Erase…" for a person (issue 13): exactly when POST
 * /api/admin/users/{id}/erase would accept it. The API (domain/lifecycle/erase-person.ts) stays the
 * control; this only keeps the page from offering what it would refuse: the permission, never oneself,
 * not twice, and no active staff member (take their access away first, then their history). Staff is
 * who can be assigned tickets, as the API decides it, not a role name compared here.
 */
export function offersErasure(actor: Pick<Actor, "userId" | "role">, user: Pick<TAdminUser, "id" | "role" | "active" | "status">): boolean {
  if (!can(actor, "users.erase") || user.id === actor.userId || user.status === "erased") return false;
  return !(user.active && roleCan(user.role, "tickets.be_assigned"));
}
