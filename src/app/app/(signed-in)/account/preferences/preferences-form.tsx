"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { sendJson } from "@/components/api/send-json";
import { Field, FormAlert } from "@/components/forms/field";
import { SubmitButton } from "@/components/forms/submit-button";
import { useFormSubmit } from "@/components/forms/use-form-submit";
import { applyThemeClass } from "@/components/preferences/theme-class";
import type { TThemeChoice } from "@/lib/preferences";

interface Props {
  /** "" = not chosen: the organization's default, then the browser's. */
  timeZone: string;
  locale: string;
  theme: TThemeChoice;
  timeZones: string[];
  /** Worded on the server, so the browser's own language names cannot differ from the rendered page. */
  locales: { value: string; label: string }[];
  orgTimeZone: string | null;
  orgLocale: string | null;
}

const THEME_CHOICES: { value: TThemeChoice; label: string }[] = [
  { value: "system", label: "Follow the system" },
  { value: "light", label: "Light" },
  { value: "dark", label: "Dark" },
];

export function PreferencesForm({ timeZone, locale, theme, timeZones, locales, orgTimeZone, orgLocale }: Props) {
  const router = useRouter();
  const { pending, error, fieldErrors, onSubmit } = useFormSubmit();
  const [saved, setSaved] = useState(false);

  const submit = onSubmit(
    (data) => {
      setSaved(false);
      return sendJson<{ theme: TThemeChoice }>("PATCH", "/api/account/preferences", {
        timeZone: String(data.get("timeZone") ?? "") || null,
        locale: String(data.get("locale") ?? "") || null,
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
          Preferences saved.
        </p>
      )}
      <Field
        as="select"
        label="Time zone"
        name="timeZone"
        defaultValue={timeZone}
        hint="Every date and time in the app is shown in this zone. Exports stay in UTC."
        error={fieldErrors.timeZone}
      >
        <option value="">{orgTimeZone ? `Organization default (${orgTimeZone})` : "My browser's time zone"}</option>
        {timeZones.map((z) => (
          <option key={z} value={z}>
            {z}
          </option>
        ))}
      </Field>
      <Field as="select" label="Locale" name="locale" defaultValue={locale} hint="How dates and times are written." error={fieldErrors.locale}>
        <option value="">{orgLocale ? `Organization default (${orgLocale})` : "My browser's language"}</option>
        {locales.map((l) => (
          <option key={l.value} value={l.value}>
            {l.label}
          </option>
        ))}
      </Field>
      <fieldset className="field theme-choices">
        <legend>Theme</legend>
        {THEME_CHOICES.map((c) => (
          <label key={c.value} className="checkbox">
            <input type="radio" name="theme" value={c.value} defaultChecked={theme === c.value} /> {c.label}
          </label>
        ))}
      </fieldset>
      <div className="form-actions form-actions-end">
        <SubmitButton pending={pending}>Save preferences</SubmitButton>
      </div>
    </form>
  );
}
