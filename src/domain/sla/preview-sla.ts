// The settings page's preview (issue 13): "a ticket created now, urgent, is due at …" for a configuration
// the admin is still editing. It runs the very functions that set a real ticket's deadlines
// (computeSlaDeadlines over the calendar, S9), on the draft as given; nothing is read or written.
import { requirePermission, type Actor } from "@/auth/actor";
import { now } from "@/lib/clock";
import { InvalidField } from "@/lib/errors";
import type { BusinessCalendar } from "./business-hours";
import { computeSlaDeadlines } from "./sla-deadlines";
import type { TSlaConfiguration } from "./sla-policies.schemas";

export type SlaPreview = {
  /** The instant the imagined ticket is opened. */
  openedAt: string;
  timeZone: string;
  items: { priority: string; firstResponseDueAt: string | null; resolutionDueAt: string | null }[];
};

/** Pure: the due times of a ticket opened at `openedAt` under `config`, one row per configured priority. */
export function slaPreviewOf(config: TSlaConfiguration, openedAt: Date): SlaPreview {
  const calendar: BusinessCalendar = {
    timeZone: config.timeZone,
    alwaysOpen: config.alwaysOpen,
    weeklyHours: config.weeklyHours,
    holidays: config.holidays,
  };
  return {
    openedAt: openedAt.toISOString(),
    timeZone: config.timeZone,
    items: config.policies.map((p) => {
      const due = dueOrInvalid(() => computeSlaDeadlines(p, openedAt, calendar));
      return {
        priority: p.priority,
        firstResponseDueAt: due.firstResponseDueAt?.toISOString() ?? null,
        resolutionDueAt: due.resolutionDueAt?.toISOString() ?? null,
      };
    }),
  };
}

/** A calendar with no open time for three years (holidays on every open day) has no due time at all. */
function dueOrInvalid<T>(compute: () => T): T {
  try {
    return compute();
  } catch {
    throw InvalidField("holidays", "These business hours and holidays leave no open time within three years");
  }
}

export function previewSlaConfiguration(actor: Actor, config: TSlaConfiguration): SlaPreview {
  requirePermission(actor, "sla.policies.read");
  return slaPreviewOf(config, now());
}
