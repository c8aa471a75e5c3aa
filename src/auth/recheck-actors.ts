// Who the callers of open event streams are NOW (issue 11, S3): a revoked or expired session, a
// deactivated user or a required-but-missing MFA enrolment ends the stream; a changed role changes what
// it may see from the next event on. One query for every stream of the instance, with getActor's rules.
import { mustEnrolMfa, type Actor } from "./actor";
import { actorOf, isUsableUser, pastAbsoluteLifetime } from "./get-actor";
import { unsafeSessionsById } from "@/db/unsafe-live-sessions";
import { now } from "@/lib/clock";

/** For each session id of `actors`: the actor as getActor() would build it now, or null (no longer signed in). */
export async function recheckActors(actors: Iterable<Actor>): Promise<Map<string, Actor | null>> {
  const bySession = new Map<string, Actor>();
  for (const a of actors) bySession.set(a.sessionId, a);
  const rows = await unsafeSessionsById([...bySession.keys()]);
  const out = new Map<string, Actor | null>([...bySession.keys()].map((id) => [id, null]));
  const at = now().getTime();
  for (const { session, user, mfaRequired } of rows) {
    const before = bySession.get(session.id)!;
    // Better Auth's idle expiry (a session row past expiresAt is no session) and getActor's own rules.
    if (session.expiresAt.getTime() <= at || !isUsableUser(user) || pastAbsoluteLifetime(session)) continue;
    const actor = actorOf(user, session, mfaRequired, before);
    // A stream belongs to the user and organization it was opened by, and MFA gates it like any route.
    if (actor.userId !== before.userId || actor.orgId !== before.orgId || mustEnrolMfa(actor)) continue;
    out.set(session.id, actor);
  }
  return out;
}
