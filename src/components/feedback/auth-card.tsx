import type { ReactNode } from "react";
import { CHROME_MESSAGES } from "@/components/messages/chrome";
import { translator } from "@/components/messages/define";
import { TimePrefsProvider } from "@/components/time/client-time";
import { pageTimePrefs } from "@/components/time/page-time-prefs";

/**
 * The frame of the public account pages (sign-in, invite, forgot and reset password, the satisfaction
 * link): brand, then the page's card. These pages are outside the signed-in layout, so the frame sets the
 * reader's zone and locale for the client forms inside it (their texts, issue 13).
 */
export async function AuthCard({ children }: { children: ReactNode }) {
  const prefs = await pageTimePrefs();
  const t = translator(CHROME_MESSAGES, prefs.locale);
  return (
    <TimePrefsProvider prefs={prefs}>
      <main id="main" className="auth-shell">
        <div className="card auth-card">
          <div className="brand" aria-hidden="true">
            <span className="brand-mark">H</span> {t("chrome.brand")}
          </div>
          {children}
        </div>
      </main>
    </TimePrefsProvider>
  );
}
