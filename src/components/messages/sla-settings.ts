// The SLA settings page's texts (issue 13): business calendar, targets per priority, holidays and the
// preview. Priorities are the shared words (COMMON_MESSAGES "priority.*").
import { defineMessages, type MessageIdOf, plural, type Translator } from "./define";

export const SLA_SETTINGS_MESSAGES = defineMessages({
  "page.metaTitle": "SLA · Admin",
  "page.title": "SLA",
  "page.intro": "Targets per priority in business time, the calendar they are counted on, and when assignees are warned. Every change is audited.",

  "calendar.title": "Business calendar",
  "calendar.timeZone": "Time zone",
  "calendar.timeZoneHint": "Opening hours and holidays are read on this zone's wall clock, daylight saving included.",

  "hours.legend": "Business hours",
  "hours.alwaysOpen": "Open around the clock (targets count every hour, holidays included)",
  "hours.closed": "Closed",
  "hours.interval": "{day}, interval {number},",
  "hours.opens": "Opens",
  "hours.closes": "Closes",
  "hours.intervalName": "{day} interval {number}",
  "hours.add": "Add hours",
  "hours.addOn": "on {day}",

  "holidays.legend": "Holidays",
  "holidays.add": "Add holidays",
  "holidays.hint":
    "Dates as YYYY-MM-DD or as you write them ({example}), separated by new lines, commas or spaces: a whole year's list at once. They are closed all day in the time zone above.",
  "holidays.notDates": "These are not dates written as YYYY-MM-DD or {example}: {dates}",
  "holidays.pasteSome": "Paste one or more dates written as YYYY-MM-DD or {example}",
  "holidays.addDates": "Add dates",
  "holidays.none": "No holidays.",
  "holidays.list": "Holidays ({count})",

  "targets.title": "Targets",
  "targets.legend": "{priority} priority",
  "targets.enabled": "{priority} tickets have SLA targets",
  "targets.firstResponse": "First response (minutes)",
  "targets.firstResponseError": "First response",
  "targets.nextReply": "Next reply (minutes, optional)",
  "targets.nextReplyError": "Next reply",
  "targets.nextReplyEmpty": "Empty: no next-reply target",
  "targets.resolution": "Resolution (minutes)",
  "targets.resolutionError": "Resolution",
  "targets.businessMinutes": "Business minutes",
  "targets.pause": "Pending and on hold pause the clock (resolved and closed always do)",
  "warning.label": "Warn before a deadline (minutes)",
  "warning.errorLabel": "Warning lead",
  "warning.hint": "Assignees are told this long before a target is missed; 0 turns warnings off.",
  "warning.hintWithDuration": "Assignees are told this long before a target is missed ({duration}); 0 turns warnings off.",

  "form.saved": "SLA settings saved. New targets apply to tickets opened from now on and to a ticket's next priority or status change.",
  "form.save": "Save SLA settings",

  "preview.title": "Preview",
  "preview.invalid": "The preview follows once the settings are valid. {problem}",
  "preview.urgent": "A ticket created now ({opened}), urgent, is due for a first response at {firstResponse} and for resolution at {resolution} ({timeZone}).",
  "preview.noUrgent": "Urgent tickets have no SLA targets ({timeZone}).",
  "preview.never": "no time within three years",
  "preview.caption": "Due times of a ticket created now, per priority, in {timeZone}",
  "preview.firstResponseDue": "First response due",
  "preview.resolutionDue": "Resolution due",
  "preview.problem": "{section}: {message}.",
  "section.timeZone": "Time zone",
  "section.weeklyHours": "Business hours",
  "section.holidays": "Holidays",
  "section.warningLeadMinutes": "Warning lead",
  "section.policies": "Targets",
  "section.other": "A setting",

  "day.mon": "Monday",
  "day.tue": "Tuesday",
  "day.wed": "Wednesday",
  "day.thu": "Thursday",
  "day.fri": "Friday",
  "day.sat": "Saturday",
  "day.sun": "Sunday",

  // "1 d 4 h 30 min": a duration's parts, joined by a space.
  "duration.days": (vars, locale) => plural(Number(vars.count), locale, { other: "{count} d" }),
  "duration.hours": (vars, locale) => plural(Number(vars.count), locale, { other: "{count} h" }),
  "duration.minutes": (vars, locale) => plural(Number(vars.count), locale, { other: "{count} min" }),
});

export type SlaSettingsMessageId = MessageIdOf<typeof SLA_SETTINGS_MESSAGES>;
export type SlaSettingsTranslator = Translator<SlaSettingsMessageId>;
