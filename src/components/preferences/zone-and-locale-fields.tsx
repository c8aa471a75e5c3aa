"use client";

import { Field } from "@/components/forms/field";
import { ZONE_AND_LOCALE_MESSAGES } from "@/components/messages/preferences";
import { useMessages } from "@/components/messages/use-messages";
import type { LocaleChoice } from "./locale-choices";

/**
 * Whose choice the fields make: a person's own (account preferences; fields `timeZone` and `locale`) or
 * the organization's default for everyone who has not chosen (admin settings; `defaultTimeZone` and
 * `defaultLocale`). The field names are the API's keys.
 */
export type ZoneScope = "person" | "organization";

const FIELD_NAMES = {
  person: { timeZone: "timeZone", locale: "locale" },
  organization: { timeZone: "defaultTimeZone", locale: "defaultLocale" },
} as const satisfies Record<ZoneScope, { timeZone: string; locale: string }>;

/** The two fields' values for the API body: an empty choice is null (the next default applies). */
export function zoneAndLocaleValues(data: FormData, scope: ZoneScope): Record<string, string | null> {
  const names = FIELD_NAMES[scope];
  return { [names.timeZone]: String(data.get(names.timeZone) ?? "") || null, [names.locale]: String(data.get(names.locale) ?? "") || null };
}

interface Props {
  scope: ZoneScope;
  /** "" = not chosen: the next default applies (the organization's, then the browser's). */
  timeZone: string;
  locale: string;
  timeZones: string[];
  /** Worded on the server (locale-choices.ts). */
  locales: LocaleChoice[];
  /** For a person: the organization's defaults, which "not chosen" falls back to before the browser. */
  orgTimeZone?: string | null;
  orgLocale?: string | null;
  /** The form's field errors, by field name. */
  errors: Readonly<Record<string, string | undefined>>;
}

/**
 * The time zone and locale selects (issue 13) of the preferences form and the organization form: one
 * component, so both offer the same choices and say the same about the empty one.
 */
export function ZoneAndLocaleFields({ scope, timeZone, locale, timeZones, locales, orgTimeZone = null, orgLocale = null, errors }: Props) {
  const t = useMessages(ZONE_AND_LOCALE_MESSAGES);
  const names = FIELD_NAMES[scope];
  const person = scope === "person";
  const noZone = person
    ? orgTimeZone
      ? t("zone.person.orgDefault", { value: orgTimeZone })
      : t("zone.person.browserTimeZone")
    : t("zone.organization.browser");
  const noLocale = person ? (orgLocale ? t("zone.person.orgDefault", { value: orgLocale }) : t("zone.person.browserLocale")) : t("zone.organization.browser");
  return (
    <>
      <Field
        as="select"
        label={person ? t("zone.person.timeZone") : t("zone.organization.timeZone")}
        name={names.timeZone}
        defaultValue={timeZone}
        hint={person ? t("zone.person.timeZoneHint") : t("zone.organization.timeZoneHint")}
        error={errors[names.timeZone]}
      >
        <option value="">{noZone}</option>
        {timeZones.map((z) => (
          <option key={z} value={z}>
            {z}
          </option>
        ))}
      </Field>
      <Field
        as="select"
        label={person ? t("zone.person.locale") : t("zone.organization.locale")}
        name={names.locale}
        defaultValue={locale}
        hint={person ? t("zone.person.localeHint") : t("zone.organization.localeHint")}
        error={errors[names.locale]}
      >
        <option value="">{noLocale}</option>
        {locales.map((l) => (
          <option key={l.value} value={l.value}>
            {l.label}
          </option>
        ))}
      </Field>
    </>
  );
}
