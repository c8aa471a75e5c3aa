import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { can } from "@/auth/actor";
import { requirePageActor } from "@/auth/page-actor";
import { formatAbsolute } from "@/components/time/format-time";
import { getMyPreferences } from "@/domain/account/preferences";
import { ORGANIZATION_LOCALES } from "@/domain/admin/admin.schemas";
import { now } from "@/lib/clock";
import { browserPrefsFrom } from "@/lib/preferences";
import "@/styles/account.css";
import { timeZoneChoices } from "../../admin/_shared/time-zones";
import { PreferencesForm } from "./preferences-form";

export const metadata = { title: "Preferences" };

const LANGUAGE_NAMES = new Intl.DisplayNames(["en"], { type: "language", languageDisplay: "standard" });
const SOURCE_WORDS = { user: "your choice", organization: "your organization's default", browser: "your browser", fallback: "the default" } as const;

/** Time zone, locale and theme (issue 13): each person's own, over the organization's defaults and the browser's. */
export default async function PreferencesPage() {
  const actor = await requirePageActor({ allowWithoutMfa: true });
  if (!can(actor, "account.manage")) notFound();
  const prefs = await getMyPreferences(actor, browserPrefsFrom(await headers()));
  const { effective } = prefs;
  const locales: string[] = [...ORGANIZATION_LOCALES];
  if (prefs.locale && !locales.includes(prefs.locale)) locales.unshift(prefs.locale);
  return (
    <main id="main" className="page page-narrow account-page">
      <div className="page-head">
        <div>
          <h1>Preferences</h1>
          <p className="muted">How dates and times are written for you, and how the pages look.</p>
        </div>
      </div>
      <section className="card card-body account-card" aria-labelledby="prefs-title">
        <div className="account-card-head">
          <h2 id="prefs-title">Time, language and theme</h2>
        </div>
        <p className="muted" data-testid="prefs-effective">
          Times are shown in <strong>{effective.timeZone}</strong> ({SOURCE_WORDS[effective.sources.timeZone]}) and written for{" "}
          <strong>{effective.locale}</strong> ({SOURCE_WORDS[effective.sources.locale]}): now is {formatAbsolute(now(), effective)}.
        </p>
        <PreferencesForm
          timeZone={prefs.timeZone ?? ""}
          locale={prefs.locale ?? ""}
          theme={prefs.theme}
          timeZones={timeZoneChoices(prefs.timeZone ?? "UTC")}
          locales={locales.map((value) => ({ value, label: `${LANGUAGE_NAMES.of(value) ?? value} — ${value}` }))}
          orgTimeZone={prefs.organization.timeZone}
          orgLocale={prefs.organization.locale}
        />
      </section>
    </main>
  );
}
