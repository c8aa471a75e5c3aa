// One sentence per timeline entry (issue 11), shared by the conversation's timeline and the stale-page
// warning, so "Sam set status Pending" reads the same in both. Ids become names through the page's own
// directory; an id the page cannot name stays anonymous rather than showing a raw id. The words come from
// the reader's message sets (issue 13: messages/activity.ts, the statuses and priorities of common.ts):
// the caller builds the translators once for the page, never one per entry.
import type { ActivityTranslator } from "@/components/messages/activity";
import type { COMMON_MESSAGES } from "@/components/messages/common";
import type { MessageIdOf, Translator } from "@/components/messages/define";
import type { TActivityDto } from "@/domain/activity/activity-dto";
import type { TTicketPriority, TTicketStatus } from "@/db/schema/enums";
import { PRIORITY_ORDER, STATUS_ORDER } from "./labels";

export interface Directory {
  /** User id → display name (staff see name, role and e-mail: issue 9 item 13). */
  people: Record<string, string>;
  teams: Record<string, string>;
}

export interface ActivitySentence {
  /** Who, or null for the system (an SLA breach has no author). */
  who: string | null;
  /** What they did, in the reader's language, without the subject ("set status Pending"). */
  what: string;
  /** The earlier ticket of a follow-up. */
  href?: string;
}

/** The reader's words for timeline entries: the activity set and the common one (statuses, priorities). */
export interface ActivityWords {
  t: ActivityTranslator;
  common: Translator<MessageIdOf<typeof COMMON_MESSAGES>>;
}

const SLA_TARGETS = ["first_response", "next_reply", "resolution"] as const;
const isStatus = (v: string): v is TTicketStatus => (STATUS_ORDER as readonly string[]).includes(v);
const isPriority = (v: string): v is TTicketPriority => (PRIORITY_ORDER as readonly string[]).includes(v);

/** A status or priority in words; a value the UI does not know stays as it is (shown as text, never markup). */
function valueText(words: ActivityWords, field: "status" | "priority", value: string | null): string {
  if (value === null) return words.t("activity.noValue");
  if (field === "status" && isStatus(value)) return words.common(`status.${value}`);
  if (field === "priority" && isPriority(value)) return words.common(`priority.${value}`);
  return value;
}

export function personName(dir: Directory, id: string | null, t: ActivityTranslator): string | null {
  if (id === null) return null;
  return dir.people[id] ?? t("activity.someone");
}

export function describeActivity(a: Pick<TActivityDto, "field" | "from" | "to" | "actorId">, dir: Directory, words: ActivityWords): ActivitySentence {
  const { t } = words;
  const who = personName(dir, a.actorId, t);
  switch (a.field) {
    case "status":
      return { who, what: t("activity.status", { value: valueText(words, "status", a.to) }) };
    case "priority":
      return { who, what: t("activity.priority", { value: valueText(words, "priority", a.to) }) };
    case "assignee":
      if (!a.to) return { who, what: t("activity.assigneeRemoved") };
      if (a.to === a.actorId) return { who, what: t("activity.assignedThemselves") };
      return { who, what: t("activity.assigned", { person: personName(dir, a.to, t) ?? "" }) };
    case "team":
      return { who, what: a.to ? t("activity.team", { team: dir.teams[a.to] ?? t("activity.deletedTeam") }) : t("activity.teamRemoved") };
    case "title":
      return { who, what: t("activity.title", { title: a.to ?? "" }) };
    case "description":
      return { who, what: t("activity.description") };
    case "tags":
      return { who, what: t("activity.tags") };
    case "sla": {
      const kind = SLA_TARGETS.find((k) => k === a.from);
      const target = t(kind ? `activity.slaTarget.${kind}` : "activity.slaTarget.other");
      return { who: null, what: t(a.to === "breach" ? "activity.slaBreached" : "activity.slaAtRisk", { target }) };
    }
    case "follow_up":
      return { who, what: t("activity.followUp"), href: a.to ? `/app/tickets/${a.to}` : undefined };
    case "comment":
      return { who, what: t("activity.comment") };
    default:
      return { who, what: t("activity.other") };
  }
}

/** "Sam set status Pending", or the bare sentence (capitalised) when no one did it. */
export function sentence(s: ActivitySentence, t: ActivityTranslator): string {
  return s.who ? t("activity.sentence", { who: s.who, what: s.what }) : t("activity.withoutActor", { what: s.what });
}
