// Collision safety (issue 11): a ticket's version is its ETag. A write that names the version it was based
// on (If-Match) is refused with 412 `stale` when someone changed the ticket since, and the answer carries
// what the caller missed — the ticket as it is now and the timeline since their version, both as this
// caller may see them — so the page can say "Sam changed this ticket" instead of overwriting it.
// Each audience has its own version (F6): staff compare the version every write moves, a requester the
// one that moves only with what they can see, so an internal note never makes a customer's reply stale.
import { ticketAudience } from "@/auth/ticket-audience";
import type { Scoped, VisibleTicket } from "@/db/scoped";
import { toActivityDto } from "@/domain/activity/activity-dto";
import { AppError } from "@/lib/errors";
import { toTicketDto, versionFor } from "./ticket-dto";

/** How many missed changes a 412 lists; more than that and the page should simply reload. */
const MISSED_CHANGES_MAX = 50;

export const ticketEtag = (version: number) => `"${version}"`;

/**
 * The versions an If-Match header names: undefined when absent or `*` (any current version); an empty list
 * when it names nothing we issued (a weak or foreign tag never matches, RFC 9110 13.1.1).
 */
export function versionsFromIfMatch(header: string | null): number[] | undefined {
  if (header === null) return undefined;
  const tags = header.split(",").map((t) => t.trim());
  if (tags.includes("*")) return undefined;
  return tags.flatMap((tag) => {
    const m = /^"(\d{1,9})"$/.exec(tag);
    return m ? [Number(m[1])] : [];
  });
}

/**
 * Throws 412 `stale` with the current state when `expected` is given and does not name the locked ticket's
 * version as the caller's audience counts it.
 */
export async function assertCurrentVersion(s: Scoped, ticket: VisibleTicket, expected: number[] | undefined): Promise<void> {
  const audience = ticketAudience(s.actor);
  const version = versionFor(audience, ticket);
  if (expected === undefined || expected.includes(version)) return;
  // What happened since the oldest version the caller named (none named: we cannot tell, the page reloads).
  const since = expected.length > 0 ? Math.min(...expected) : undefined;
  const missed = since !== undefined ? await s.activity.list(ticket, { sinceVersion: since, limit: MISSED_CHANGES_MAX }) : [];
  throw new AppError(
    "stale",
    "This ticket was changed since you opened it",
    undefined,
    { etag: ticketEtag(version) },
    {
      current: { ticket: toTicketDto(ticket, audience), changes: missed.map((a) => toActivityDto(a, audience)) },
    },
  );
}
