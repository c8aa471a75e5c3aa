// The organization's business calendar as the SLA arithmetic needs it; no settings row means 24/7 UTC.
import type { SlaSettings } from "@/db/schema";
import type { Scoped } from "@/db/scoped";
import { ALWAYS_OPEN, type BusinessCalendar } from "./business-hours";

export const DEFAULT_WARNING_LEAD_MINUTES = 60;

export function calendarOf(settings: SlaSettings | null): BusinessCalendar {
  if (!settings) return ALWAYS_OPEN;
  return { timeZone: settings.timeZone, alwaysOpen: settings.alwaysOpen, weeklyHours: settings.weeklyHours, holidays: settings.holidays };
}

export async function loadSlaSetup(s: Scoped): Promise<{ calendar: BusinessCalendar; warningLeadMs: number }> {
  const settings = await s.sla.settings();
  return { calendar: calendarOf(settings), warningLeadMs: (settings?.warningLeadMinutes ?? DEFAULT_WARNING_LEAD_MINUTES) * 60_000 };
}
