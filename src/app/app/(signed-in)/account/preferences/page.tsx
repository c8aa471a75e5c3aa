import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { can } from "@/auth/actor";
import { requirePageActor } from "@/auth/page-actor";
import { pageMessages } from "@/components/messages/page-messages";
import { PREFERENCES_MESSAGES } from "@/components/messages/preferences";
import { richText } from "@/components/messages/rich-text";
import { localeChoices } from "@/components/preferences/locale-choices";
import { formatAbsolute } from "@/components/time/format-time";
import { getMyPreferences } from "@/domain/account/preferences";
import { now } from "@/lib/clock";
import { browserPrefsFrom } from "@/lib/preferences";
import "@/styles/account.css";
import { timeZoneChoices } from "../../admin/_shared/time-zones";
import { PreferencesForm } from "./preferences-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await pageMessages(PREFERENCES_MESSAGES);
  return { title: t("prefs.title") };
}

/** Time zone, locale and theme (issue 13): each person's own, over the organization's defaults and the browser's. */
export default async function PreferencesPage() {
  const actor = await requirePageActor({ allowWithoutMfa: true });
  if (!can(actor, "account.manage")) notFound();
  const [prefs, t] = await Promise.all([getMyPreferences(actor, browserPrefsFrom(await headers())), pageMessages(PREFERENCES_MESSAGES)]);
  const { effective } = prefs;
  return (
    <main id="main" className="page page-narrow account-page">
      <div className="page-head">
        <div>
          <h1>{t("prefs.title")}</h1>
          <p className="muted">{t("prefs.intro")}</p>
        </div>
      </div>
      <section className="card card-body account-card" aria-labelledby="prefs-title">
        <div className="account-card-head">
          <h2 id="prefs-title">{t("prefs.cardTitle")}</h2>
        </div>
        <p className="muted" data-testid="prefs-effective">
          {richText(t("prefs.effective"), {
            zone: <strong>{effective.timeZone}</strong>,
            zoneSource: t(`prefs.source.${effective.sources.timeZone}`),
            locale: <strong>{effective.locale}</strong>,
            localeSource: t(`prefs.source.${effective.sources.locale}`),
            now: formatAbsolute(now(), effective),
          })}
        </p>
        <PreferencesForm
          timeZone={prefs.timeZone ?? ""}
          locale={prefs.locale ?? ""}
          theme={prefs.theme}
          timeZones={timeZoneChoices(prefs.timeZone ?? "UTC")}
          locales={localeChoices(prefs.locale)}
          orgTimeZone={prefs.organization.timeZone}
          orgLocale={prefs.organization.locale}
        />
      </section>
    </main>
  );
}
