import { cookies } from "next/headers";
import type { ReactNode } from "react";
import { mustEnrolMfa } from "@/auth/actor";
import { requirePageActor } from "@/auth/page-actor";
import { DraftOwnerProvider } from "@/components/drafts/draft-owner";
import { CHROME_MESSAGES } from "@/components/messages/chrome";
import { translator } from "@/components/messages/define";
import { LiveEventsProvider } from "@/components/live/live-events";
import { ThemeSync } from "@/components/preferences/theme-sync";
import { TimePrefsProvider } from "@/components/time/client-time";
import { pageTimePrefs } from "@/components/time/page-time-prefs";
import { isTheme, THEME_COOKIE } from "@/lib/preferences";
import { scoped } from "@/db/scoped";
import { mayReadReports } from "@/domain/reports/report-access";
import { AppHeader } from "./_header/app-header";

// Every page below needs a signed-in actor; without one this redirects to /app/sign-in. Pages still call
// requirePageActor() themselves, because a layout is not re-run on every client navigation. The layout
// lets a user who still has to enrol in MFA through (the security page needs its header); each page's own
// requirePageActor() applies the MFA gate (S2).
export default async function SignedInLayout({ children }: { children: ReactNode }) {
  const [actor, timePrefs, jar] = await Promise.all([requirePageActor({ allowWithoutMfa: true }), pageTimePrefs(), cookies()]);
  // The person's stored theme against this device's cookie: copied over when they differ (issue 13).
  const storedTheme = isTheme(actor.preferences?.theme) ? actor.preferences.theme : "system";
  const cookieTheme = jar.get(THEME_COOKIE)?.value ?? "system";
  // The chrome's texts in the reader's language (English until a second language is added to the sets).
  const t = translator(CHROME_MESSAGES, timePrefs.locale);
  // Admins without a query; agents read their organization's setting; requesters never.
  const reports = !mustEnrolMfa(actor) && (await mayReadReports(actor, scoped(actor)));
  // Composer drafts belong to this user: others' are dropped on every page load (F7).
  return (
    <TimePrefsProvider prefs={timePrefs}>
      {storedTheme !== cookieTheme && <ThemeSync theme={storedTheme} />}
      <DraftOwnerProvider orgId={actor.orgId} userId={actor.userId}>
        <a className="skip-link" href="#main">
          {t("chrome.skipToContent")}
        </a>
        {/* One live connection per tab for the bell, the queue and the ticket page (issue 11); none while
          MFA enrolment is pending (the stream, like every other route, would refuse it). */}
        <LiveEventsProvider enabled={!mustEnrolMfa(actor)}>
          <AppHeader name={actor.name} role={actor.role} enrolmentPending={mustEnrolMfa(actor)} t={t} reports={reports} />
          {children}
        </LiveEventsProvider>
      </DraftOwnerProvider>
    </TimePrefsProvider>
  );
}
