// Who sees the same thing (issue 11, "per-audience re-read"). Everything scoped() and the DTO functions
// decide about a row depends on the organization, on the role (every permission comes from it) and, for
// a caller who does not read all of the organization's tickets, on who they are (own tickets, own
// uploads). Callers with the same key get the same answer from the same re-read, so an event for 500
// agents is read once, not 500 times; a caller whose role changes gets another key at once.
import { can, type Actor } from "@/auth/actor";
import type { TLiveEventKind } from "@/db/schema/live-events";

export function audienceKey(actor: Actor, kind?: TLiveEventKind | "presence"): string {
  // A notification is its recipient's alone: never shared, whatever the role.
  const personal = kind?.startsWith("notification.") || !can(actor, "tickets.read.all");
  return `${actor.orgId}|${actor.role}|${personal ? actor.userId : "*"}`;
}
