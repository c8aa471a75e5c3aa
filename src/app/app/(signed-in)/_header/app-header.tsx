import Link from "next/link";
import { can } from "@/auth/actor";
import { ROLE_LABELS } from "@/components/tickets/labels";
import type { TRole } from "@/db/schema/enums";
import { NavLink } from "./nav-link";
import { NotificationBell } from "./notification-bell";
import { SignOutButton } from "./sign-out-button";

/**
 * `enrolmentPending`: the organization requires MFA the user has not set up, so only account security is
 * reachable. `reports`: the user may open the reports (admins; agents when the organization allows it).
 */
export function AppHeader({ name, role, enrolmentPending, reports }: { name: string; role: TRole; enrolmentPending: boolean; reports: boolean }) {
  return (
    <header className="app-header">
      <div className="app-header-inner">
        <Link href="/app" prefetch={false} className="brand">
          <span className="brand-mark" aria-hidden="true">
            H
          </span>
          <span className="brand-name">Helpdesk</span>
        </Link>
        {/* Links that would only bounce back to account security while enrolment is pending are left out. */}
        {!enrolmentPending && (
          <nav className="main-nav" aria-label="Main">
            <ul>
              <li>
                <NavLink href="/app" exact>
                  Queue
                </NavLink>
              </li>
              <li>
                <NavLink href="/app/tickets/new">New ticket</NavLink>
              </li>
              {can({ role }, "macros.use") && (
                <li>
                  <NavLink href="/app/macros">Macros</NavLink>
                </li>
              )}
              {can({ role }, "exports.read.own") && (
                <li>
                  <NavLink href="/app/exports">Exports</NavLink>
                </li>
              )}
              {reports && (
                <li>
                  <NavLink href="/app/reports">Reports</NavLink>
                </li>
              )}
              {can({ role }, "admin.area") && (
                <li>
                  <NavLink href="/app/admin">Admin</NavLink>
                </li>
              )}
            </ul>
          </nav>
        )}
        <div className="user-menu">
          <div className="user-name">
            <strong>{name}</strong>
            {/* Display only; what the user may do is decided by can(), never by this label. */}
            <span className="user-role">{ROLE_LABELS[role]}</span>
          </div>
          <NavLink href="/app/account/security" className="user-link">
            Account security
          </NavLink>
          <NotificationBell />
          <SignOutButton />
        </div>
      </div>
    </header>
  );
}
