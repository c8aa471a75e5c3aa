// The Actor is who is acting, resolved from the session on every request (DESIGN.md rule 1).
// The organization always comes from the user row, never from the request.
import type { TRole } from "@/db/schema/enums";
import { Forbidden } from "@/lib/errors";
import { roleCan, type Permission } from "./permissions";

export interface Actor {
  userId: string;
  orgId: string;
  role: TRole;
  name: string;
  sessionId: string;
  mfaEnabled: boolean;
  /** The organization requires MFA; until the user enrols, only account security is reachable. */
  mfaRequired: boolean;
  ip: string | null;
  userAgent: string | null;
  /**
   * The person proved they own their e-mail address (issue 12, the "Ticket Trick"). Without it a
   * requester sees no ticket, reply or file that came in by e-mail: whoever controls that address, not
   * whoever holds an account with it, wrote to us. Unset means not proven.
   */
  addressVerified?: boolean;
}

export function can(actor: Pick<Actor, "role">, permission: Permission): boolean {
  return roleCan(actor.role, permission);
}

export function mustEnrolMfa(actor: Pick<Actor, "mfaEnabled" | "mfaRequired">): boolean {
  return actor.mfaRequired && !actor.mfaEnabled;
}

export function requirePermission(actor: Pick<Actor, "role">, permission: Permission): void {
  if (!can(actor, permission)) throw Forbidden();
}
