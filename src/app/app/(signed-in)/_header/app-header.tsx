import Link from "next/link";
import { can } from "@/auth/actor";
import type { ChromeTranslator } from "@/components/messages/chrome";
import type { TRole } from "@/db/schema/enums";
import { NavLink } from "./nav-link";
import { NotificationBell } from "./notification-bell";
import { SignOutButton } from "./sign-out-button";

/**
 * `enrolmentPending`: the organization requires MFA the user has not set up, so only account security is
 * reachable. `t`: the reader's message catalogue (components/messages/chrome.ts). `reports`: the user may
 * open the reports (admins; agents when the organization allows it).
 */
export function AppHeader({
  name,
  role,
  enrolmentPending,
  t,
  reports,
}: {
  name: string;
  role: TRole;
  enrolmentPending: boolean;
  t: ChromeTranslator;
  reports: boolean;
}) {
  return (
    <header className="app-header">
      <div className="app-header-inner">
        <Link href="/app" prefetch={false} className="brand">
          <span className="brand-mark" aria-hidden="true">
            H
          </span>
          <span className="brand-name">{t("chrome.brand")}</span>
        </Link>
        {/* Links that would only bounce back to account security while enrolment is pending are left out. */}
        {!enrolmentPending && (
          <nav className="main-nav" aria-label={t("nav.main")}>
            <ul>
              <li>
                <NavLink href="/app" exact>
                  {t("nav.queue")}
                </NavLink>
              </li>
              <li>
                <NavLink href="/app/tickets/new">{t("nav.newTicket")}</NavLink>
              </li>
              {can({ role }, "macros.use") && (
                <li>
                  <NavLink href="/app/macros">{t("nav.macros")}</NavLink>
                </li>
              )}
              {can({ role }, "exports.read.own") && (
                <li>
                  <NavLink href="/app/exports">{t("nav.exports")}</NavLink>
                </li>
              )}
              {reports && (
                <li>
                  <NavLink href="/app/reports">{t("nav.reports")}</NavLink>
                </li>
              )}
              {can({ role }, "admin.area") && (
                <li>
                  <NavLink href="/app/admin">{t("nav.admin")}</NavLink>
                </li>
              )}
            </ul>
          </nav>
        )}
        <div className="user-menu">
          <div className="user-name">
            <strong>{name}</strong>
            {/* Display only; what the user may do is decided by can(), never by this label. */}
            <span className="user-role">{t(`role.${role}`)}</span>
          </div>
          <NavLink href="/app/account/security" className="user-link">
            {t("user.accountSecurity")}
          </NavLink>
          <NavLink href="/app/account/preferences" className="user-link">
            {t("user.preferences")}
          </NavLink>
          <NotificationBell />
          <SignOutButton />
        </div>
      </div>
    </header>
  );
}
