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
  /**
   * How the person wants times written and the page themed (issue 13): their own choices and their
   * organization's defaults, null where not chosen; lib/preferences.ts resolves the effective values.
   * Absent for actors not made from a session (jobs, the system).
   */
  preferences?: ActorPreferences;
  /**
   * The organization lets agents open the reports (issue 13), as read with the session for this request
   * (issue 15: the header asks on every page). Absent for actors not made from a session: it is read then.
   */
  agentReportsAllowed?: boolean;
}

export interface ActorPreferences {
  timeZone: string | null;
  locale: string | null;
  theme: string | null;
  orgTimeZone: string | null;
  orgLocale: string | null;
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
