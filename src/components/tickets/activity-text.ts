// One sentence per timeline entry (issue 11), shared by the conversation's timeline and the stale-page
// warning, so "Sam set status Pending" reads the same in both. Ids become names through the page's own
// directory; an id the page cannot name stays anonymous rather than showing a raw id.
import type { TActivityDto } from "@/domain/activity/activity-dto";
import type { TTicketPriority, TTicketStatus } from "@/db/schema/enums";
import { PRIORITY_LABELS, STATUS_LABELS } from "./labels";

export interface Directory {
  /** User id → display name (staff see name, role and e-mail: issue 9 item 13). */
  people: Record<string, string>;
  teams: Record<string, string>;
}

export interface ActivitySentence {
  /** Who, or null for the system (an SLA breach has no author). */
  who: string | null;
  what: string;
  /** The earlier ticket of a follow-up. */
  href?: string;
}

const SLA_KIND: Record<string, string> = { first_response: "First response", next_reply: "Next reply", resolution: "Resolution" };

const label = <K extends string>(labels: Record<K, string>, value: string | null) => (value && value in labels ? labels[value as K] : (value ?? "none"));

export function personName(dir: Directory, id: string | null): string | null {
  if (id === null) return null;
  return dir.people[id] ?? "Someone";
}

export function describeActivity(a: Pick<TActivityDto, "field" | "from" | "to" | "actorId">, dir: Directory): ActivitySentence {
  const who = personName(dir, a.actorId);
  switch (a.field) {
    case "status":
      return { who, what: `set status ${label<TTicketStatus>(STATUS_LABELS, a.to)}` };
    case "priority":
      return { who, what: `set priority ${label<TTicketPriority>(PRIORITY_LABELS, a.to)}` };
    case "assignee":
      if (!a.to) return { who, what: "removed the assignee" };
      if (a.to === a.actorId) return { who, what: "assigned the ticket to themselves" };
      return { who, what: `assigned the ticket to ${personName(dir, a.to)}` };
    case "team":
      return { who, what: a.to ? `moved the ticket to team ${dir.teams[a.to] ?? "(deleted team)"}` : "removed the team" };
    case "title":
      return { who, what: `renamed the ticket to “${a.to ?? ""}”` };
    case "description":
      return { who, what: "edited the description" };
    case "tags":
      return { who, what: "changed the tags" };
    case "sla":
      return { who: null, what: `${SLA_KIND[a.from ?? ""] ?? "SLA"} target ${a.to === "breach" ? "breached" : "at risk"}` };
    case "follow_up":
      return { who, what: "opened this ticket as a follow-up of a closed ticket", href: a.to ? `/app/tickets/${a.to}` : undefined };
    case "comment":
      return { who, what: "added a reply or note" };
    default:
      return { who, what: "changed the ticket" };
  }
}

/** "Sam set status Pending", or the bare sentence (capitalised) when no one did it. */
export function sentence(s: ActivitySentence): string {
  return s.who ? `${s.who} ${s.what}` : s.what.charAt(0).toUpperCase() + s.what.slice(1);
}
