// A person's preferences page (issue 13), and the time zone and locale fields it shares with the
// organization's settings (components/preferences/zone-and-locale-fields.tsx).
import { defineMessages } from "./define";

export const PREFERENCES_MESSAGES = defineMessages({
  "prefs.title": "Preferences",
  "prefs.intro": "How dates and times are written for you, and how the pages look.",
  "prefs.cardTitle": "Time, language and theme",
  "prefs.effective": "Times are shown in {zone} ({zoneSource}) and written for {locale} ({localeSource}): now is {now}.",
  "prefs.source.user": "your choice",
  "prefs.source.organization": "your organization's default",
  "prefs.source.browser": "your browser",
  "prefs.source.fallback": "the default",
  "prefs.saved": "Preferences saved.",
  "prefs.theme": "Theme",
  "prefs.theme.system": "Follow the system",
  "prefs.theme.light": "Light",
  "prefs.theme.dark": "Dark",
  "prefs.save": "Save preferences",
});

/** The two selects' words, for a person's own choice and for the organization's default. */
export const ZONE_AND_LOCALE_MESSAGES = defineMessages({
  "zone.person.timeZone": "Time zone",
  "zone.person.timeZoneHint": "Every date and time in the app is shown in this zone. Exports stay in UTC.",
  "zone.person.locale": "Locale",
  "zone.person.localeHint": "How dates and times are written.",
  "zone.person.orgDefault": "Organization default ({value})",
  "zone.person.browserTimeZone": "My browser's time zone",
  "zone.person.browserLocale": "My browser's language",
  "zone.organization.timeZone": "Default time zone",
  "zone.organization.timeZoneHint": "Where each person's time zone starts until they choose their own. SLA hours have their own zone (SLA page).",
  "zone.organization.locale": "Default locale",
  "zone.organization.localeHint": "How dates and numbers are written for people who have not chosen a locale.",
  "zone.organization.browser": "Each person's browser",
});
