// Who is told that someone is on a ticket's page (issue 11). Presence is ephemeral: signals travel over
// NOTIFY and are shown for PRESENCE_TTL_SEC unless repeated; nothing is stored.
// - Only callers who can see the ticket, of the same organization, ever hear of it (re-read as them).
// - A requester's presence is for staff only: never told to another requester.
// - Staff replying is for staff only (it may be an internal note); a requester sees that staff are
//   viewing their ticket and nothing more ("replying" reaches them as "viewing").
import { can, type Actor } from "@/auth/actor";
import { scoped } from "@/db/scoped";
import { resolveUserNames } from "@/domain/directory/resolve-user-names";
import type { PresenceSignal, TPresenceState } from "@/lib/live/live-hub";

/** How long a presence shows without being repeated; pages repeat theirs well within it. */
export const PRESENCE_TTL_SEC = 45;

export interface PresenceData extends Record<string, unknown> {
  ticketId: string;
  userId: string;
  name: string;
  state: TPresenceState;
  expiresInSec: number;
}

/** The state `reader` may be told, or null for nothing at all. */
export function visiblePresenceState(reader: Actor, signal: PresenceSignal): TPresenceState | null {
  if (reader.orgId !== signal.orgId || reader.userId === signal.userId) return null;
  if (can(reader, "presence.read.all")) return signal.state;
  if (!signal.staff) return null;
  return signal.state === "replying" ? "viewing" : signal.state;
}

export async function renderPresence(reader: Actor, signal: PresenceSignal): Promise<PresenceData | null> {
  const state = visiblePresenceState(reader, signal);
  if (!state) return null;
  const ticket = await scoped(reader).tickets.find(signal.ticketId);
  if (!ticket) return null;
  // The name as this reader would see it on the ticket page (staff: with role and e-mail).
  const name = (await resolveUserNames(reader, [signal.userId])).get(signal.userId);
  if (!name) return null;
  return { ticketId: ticket.id, userId: signal.userId, name, state, expiresInSec: PRESENCE_TTL_SEC };
}
