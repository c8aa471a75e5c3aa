// The locales a person or an organization can choose (issue 13), labelled on the server ("German
// (Germany) — de-DE"), so the browser's own language names cannot differ from the rendered page.
import { ORGANIZATION_LOCALES } from "@/domain/admin/admin.schemas";

export interface LocaleChoice {
  value: string;
  label: string;
}

// Language names in English, the language of every message set for now (components/messages).
const LANGUAGE_NAMES = new Intl.DisplayNames(["en"], { type: "language", languageDisplay: "standard" });

/** The offered locales; a saved one that is no longer offered stays selectable, first. */
export function localeChoices(current: string | null): LocaleChoice[] {
  const values: string[] = [...ORGANIZATION_LOCALES];
  if (current && !values.includes(current)) values.unshift(current);
  return values.map((value) => ({ value, label: `${LANGUAGE_NAMES.of(value) ?? value} — ${value}` }));
}
