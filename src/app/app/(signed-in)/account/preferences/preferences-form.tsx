"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { sendJson } from "@/components/api/send-json";
import { FormAlert } from "@/components/forms/field";
import { SubmitButton } from "@/components/forms/submit-button";
import { useFormSubmit } from "@/components/forms/use-form-submit";
import { PREFERENCES_MESSAGES } from "@/components/messages/preferences";
import { useMessages } from "@/components/messages/use-messages";
import type { LocaleChoice } from "@/components/preferences/locale-choices";
import { applyThemeClass } from "@/components/preferences/theme-class";
import { ZoneAndLocaleFields, zoneAndLocaleValues } from "@/components/preferences/zone-and-locale-fields";
import type { TThemeChoice } from "@/lib/preferences";

interface Props {
  /** "" = not chosen: the organization's default, then the browser's. */
  timeZone: string;
  locale: string;
  theme: TThemeChoice;
  timeZones: string[];
  locales: LocaleChoice[];
  orgTimeZone: string | null;
  orgLocale: string | null;
}

const THEME_CHOICES: readonly TThemeChoice[] = ["system", "light", "dark"];

export function PreferencesForm({ timeZone, locale, theme, timeZones, locales, orgTimeZone, orgLocale }: Props) {
  const router = useRouter();
  const t = useMessages(PREFERENCES_MESSAGES);
  const { pending, error, fieldErrors, onSubmit } = useFormSubmit();
  const [saved, setSaved] = useState(false);

  const submit = onSubmit(
    (data) => {
      setSaved(false);
      return sendJson<{ theme: TThemeChoice }>("PATCH", "/api/account/preferences", {
        ...zoneAndLocaleValues(data, "person"),
        theme: String(data.get("theme") ?? "system"),
      });
    },
    (prefs) => {
      setSaved(true);
      applyThemeClass(prefs.theme);
      // Every time on the page is worded on the server: render it again in the new zone and locale.
      router.refresh();
    },
  );

  return (
    <form onSubmit={submit}>
      <FormAlert message={error?.message} />
      {saved && (
        <p className="alert alert-success" role="status">
          {t("prefs.saved")}
        </p>
      )}
      <ZoneAndLocaleFields
        scope="person"
        timeZone={timeZone}
        locale={locale}
        timeZones={timeZones}
        locales={locales}
        orgTimeZone={orgTimeZone}
        orgLocale={orgLocale}
        errors={fieldErrors}
      />
      <fieldset className="field theme-choices">
        <legend>{t("prefs.theme")}</legend>
        {THEME_CHOICES.map((choice) => (
          <label key={choice} className="checkbox">
            <input type="radio" name="theme" value={choice} defaultChecked={theme === choice} /> {t(`prefs.theme.${choice}`)}
          </label>
        ))}
      </fieldset>
      <div className="form-actions form-actions-end">
        <SubmitButton pending={pending}>{t("prefs.save")}</SubmitButton>
      </div>
    </form>
  );
}
