// Background jobs act inside one organization at a time through the same scoped() access as requests:
// a system actor carries that organization and staff visibility, and no session. Only jobs create one,
// after reading the organization from the row they are working on (never from outside input). Audit
// events show its id, "system:<job>".
import type { TRole } from "@/db/schema/enums";
import type { Actor } from "./actor";

export function systemActor(orgId: string, job: string): Actor {
  return { userId: `system:${job}`, orgId, role: "agent", name: job, sessionId: "", mfaEnabled: true, mfaRequired: false, ip: null, userAgent: null };
}

/**
 * A job acting on behalf of a user (an export run, a notification's reader): that user's current role in
 * the organization read from its row, no session. The same visibility filters as the user's own requests.
 */
export function actorForUser(person: { id: string; role: TRole; name: string }, orgId: string, opts: { addressVerified?: boolean } = {}): Actor {
  return {
    userId: person.id,
    orgId,
    role: person.role,
    name: person.name,
    sessionId: "",
    mfaEnabled: true,
    mfaRequired: false,
    ip: null,
    userAgent: null,
    addressVerified: opts.addressVerified === true,
  };
}

/**
 * The reader of a mail sent to a person's own address (issue 12): whoever holds that mailbox, which is
 * the proof a web session must bring before it sees mail-made content (No Ticket Trick) — so the same
 * rights as the person's, with the address counted as proven. Only the outbox's send-time checks use it;
 * a web session's actor always comes from getActor (users.email_verified).
 */
export function actorForAddressOwner(person: { id: string; role: TRole; name: string }, orgId: string): Actor {
  return actorForUser(person, orgId, { addressVerified: true });
}
