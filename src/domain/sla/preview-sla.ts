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
  /** null: the target cannot be met within the three years the engine looks ahead (too few open hours). */
  items: { priority: string; firstResponseDueAt: string | null; resolutionDueAt: string | null }[];
};

const TARGETS = ["firstResponseMinutes", "resolutionMinutes"] as const;

function calendarOf(config: TSlaConfiguration): BusinessCalendar {
  return { timeZone: config.timeZone, alwaysOpen: config.alwaysOpen, weeklyHours: config.weeklyHours, holidays: config.holidays };
}

/** One target's due time, or null where the calendar has too little open time for it (the engine gives up). */
function dueAt(minutes: number, openedAt: Date, calendar: BusinessCalendar): string | null {
  try {
    return computeSlaDeadlines({ firstResponseMinutes: minutes, resolutionMinutes: minutes }, openedAt, calendar).firstResponseDueAt?.toISOString() ?? null;
  } catch {
    return null;
  }
}

/** Pure: the due times of a ticket opened at `openedAt` under `config`, one row per configured priority. */
export function slaPreviewOf(config: TSlaConfiguration, openedAt: Date): SlaPreview {
  const calendar = calendarOf(config);
  return {
    openedAt: openedAt.toISOString(),
    timeZone: config.timeZone,
    items: config.policies.map((p) => ({
      priority: p.priority,
      firstResponseDueAt: dueAt(p.firstResponseMinutes, openedAt, calendar),
      resolutionDueAt: dueAt(p.resolutionMinutes, openedAt, calendar),
    })),
  };
}

/**
 * Refuses a configuration under which a ticket opened now would get no due time: the engine would throw
 * when such a ticket is created. Named by the first target that cannot be met.
 */
export function assertTargetsReachable(config: TSlaConfiguration, openedAt: Date): void {
  const calendar = calendarOf(config);
  config.policies.forEach((p, i) => {
    for (const target of TARGETS) {
      if (dueAt(p[target], openedAt, calendar) === null) {
        throw InvalidField(`policies.${i}.${target}`, "cannot be met within three years of these business hours and holidays");
      }
    }
  });
}

export function previewSlaConfiguration(actor: Actor, config: TSlaConfiguration): SlaPreview {
  requirePermission(actor, "sla.policies.read");
  return slaPreviewOf(config, now());
}
