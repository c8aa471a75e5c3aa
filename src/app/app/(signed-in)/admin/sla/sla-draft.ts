// The SLA settings form's state and its translation to and from the API's configuration (issue 13). Inputs
// hold text while the admin types; the server's schema (ZSlaConfiguration) decides what is valid.
// Types only from db/ and domain/: this runs in the browser, which must not load drizzle's table builders.
import type { TTicketPriority } from "@/db/schema/enums";
import type { TWeekday } from "@/db/schema/sla";
import type { SlaSettingsTranslator } from "@/components/messages/sla-settings";
import { parseCalendarDay, type TimePrefs } from "@/components/time/format-time";
import type { TSlaConfiguration } from "@/domain/sla/sla-policies.schemas";

// The same values as WEEKDAYS and TICKET_PRIORITIES (sla-draft.test.ts compares them).
export const WEEKDAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"] as const satisfies readonly TWeekday[];
export const TICKET_PRIORITIES = ["low", "normal", "high", "urgent"] as const satisfies readonly TTicketPriority[];

export type IntervalDraft = { start: string; end: string };
export type PolicyDraft = { enabled: boolean; firstResponse: string; nextReply: string; resolution: string; pauseWhenPending: boolean };
export interface SlaDraft {
  timeZone: string;
  alwaysOpen: boolean;
  weeklyHours: Record<TWeekday, IntervalDraft[]>;
  holidays: string[];
  warningLead: string;
  policies: Record<TTicketPriority, PolicyDraft>;
}

/** Monday first, as people read a working week. */
export const WEEK_ORDER: readonly TWeekday[] = [...WEEKDAYS.slice(1), WEEKDAYS[0]];
/** Most urgent first, as the policies table shows them. */
export const PRIORITY_ORDER: readonly TTicketPriority[] = [...TICKET_PRIORITIES].reverse();

const EMPTY_POLICY: PolicyDraft = { enabled: false, firstResponse: "", nextReply: "", resolution: "", pauseWhenPending: true };

export function draftOf(config: TSlaConfiguration): SlaDraft {
  const weeklyHours = Object.fromEntries(WEEKDAYS.map((d) => [d, (config.weeklyHours[d] ?? []).map((i) => ({ ...i }))])) as SlaDraft["weeklyHours"];
  const policies = Object.fromEntries(
    TICKET_PRIORITIES.map((priority) => {
      const p = config.policies.find((x) => x.priority === priority);
      const draft: PolicyDraft = p
        ? {
            enabled: true,
            firstResponse: String(p.firstResponseMinutes),
            nextReply: p.nextReplyMinutes == null ? "" : String(p.nextReplyMinutes),
            resolution: String(p.resolutionMinutes),
            pauseWhenPending: p.pauseWhenPending,
          }
        : { ...EMPTY_POLICY };
      return [priority, draft];
    }),
  ) as SlaDraft["policies"];
  return {
    timeZone: config.timeZone,
    alwaysOpen: config.alwaysOpen,
    weeklyHours,
    holidays: [...config.holidays],
    warningLead: String(config.warningLeadMinutes),
    policies,
  };
}

/** A number where the admin typed one; NaN otherwise, which the server's schema names as the field's error. */
const minutes = (text: string) => (text.trim() === "" ? Number.NaN : Number(text));

/** The body for PUT /api/admin/sla-policies (and the preview); `policyPriorities` maps a policy index back to its row. */
export function configurationOf(draft: SlaDraft): { body: TSlaConfiguration; policyPriorities: TTicketPriority[] } {
  const enabled = PRIORITY_ORDER.filter((p) => draft.policies[p].enabled);
  const weeklyHours: TSlaConfiguration["weeklyHours"] = {};
  for (const d of WEEKDAYS) if (draft.weeklyHours[d].length > 0) weeklyHours[d] = draft.weeklyHours[d].map((i) => ({ start: i.start, end: i.end }));
  return {
    policyPriorities: enabled,
    body: {
      timeZone: draft.timeZone,
      alwaysOpen: draft.alwaysOpen,
      weeklyHours,
      holidays: draft.holidays,
      warningLeadMinutes: minutes(draft.warningLead),
      policies: enabled.map((priority) => {
        const p = draft.policies[priority];
        return {
          priority,
          firstResponseMinutes: minutes(p.firstResponse),
          nextReplyMinutes: p.nextReply.trim() === "" ? null : minutes(p.nextReply),
          resolutionMinutes: minutes(p.resolution),
          pauseWhenPending: p.pauseWhenPending,
        };
      }),
    },
  };
}

/** JSON has no NaN: the server would see null. Send strings it refuses with "expected number" instead. */
export function jsonSafe(body: TSlaConfiguration): unknown {
  return JSON.parse(JSON.stringify(body, (_k, v) => (typeof v === "number" && Number.isNaN(v) ? "" : v)));
}

/**
 * Dates pasted as a list ("2027-01-01, 2027-04-02\n2027-12-25", or "25.12.2027" as a German reader writes
 * it, issue 13): every date that exists as ISO, and the pieces that are not one, so the form can name them
 * instead of dropping them quietly.
 */
export function parseHolidayList(text: string, prefs?: Pick<TimePrefs, "locale">): { dates: string[]; invalid: string[] } {
  const dates: string[] = [];
  const invalid: string[] = [];
  for (const piece of text.split(/[\s,;]+/).filter(Boolean)) {
    const day = parseCalendarDay(piece, prefs);
    if (day) dates.push(day);
    else invalid.push(piece);
  }
  return { dates, invalid };
}

/** "1 d 4 h 30 min" for a number of minutes, in the set's words; empty when the text is not a positive number. */
export function durationWords(text: string, t: SlaSettingsTranslator): string {
  const n = Number(text);
  if (text.trim() === "" || !Number.isFinite(n) || n <= 0) return "";
  const d = Math.floor(n / 1440);
  const h = Math.floor((n % 1440) / 60);
  const m = Math.round(n % 60);
  return [d && t("duration.days", { count: d }), h && t("duration.hours", { count: h }), m && t("duration.minutes", { count: m })].filter(Boolean).join(" ");
}

/**
 * An instant as the organization's wall clock reads it, "Wed 2026-12-02 10:30", built from numeric parts so
 * the server's and the browser's rendering are the same text (no locale-dependent spacing).
 */
export function wallClock(iso: string, timeZone: string): string {
  const parts: Record<string, string> = {};
  const f = new Intl.DateTimeFormat("en-US", {
    timeZone,
    weekday: "short",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  });
  for (const p of f.formatToParts(new Date(iso))) parts[p.type] = p.value;
  return `${parts.weekday} ${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}
