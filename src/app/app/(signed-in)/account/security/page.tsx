import { notFound } from "next/navigation";
import { can, mustEnrolMfa } from "@/auth/actor";
import { requirePageActor } from "@/auth/page-actor";
import { listMySessions } from "@/domain/account/sessions";
import { getOrganizationSettings } from "@/domain/admin/organization-settings";
import "@/styles/account.css";
import { SessionsCard } from "./_sessions/sessions-card";
import { TwoFactorCard } from "./_two-factor/two-factor-card";
import { ChangePasswordForm } from "./change-password-form";
import { MfaRequiredNotice } from "./mfa-required-notice";
import { OrgSecurityCard } from "./org-security-card";

export const metadata = { title: "Account security" };

/**
 * Account security (S2, S3): two-factor, sessions, password, and for admins the organization's MFA rule.
 * The one signed-in page reachable before a required MFA enrolment: it is where the gate sends people.
 */
export default async function AccountSecurityPage() {
  const actor = await requirePageActor({ allowWithoutMfa: true });
  if (!can(actor, "account.manage")) notFound();
  const managesOrg = can(actor, "org.settings.read") && can(actor, "org.settings.update");
  const [sessions, org] = await Promise.all([listMySessions(actor), managesOrg ? getOrganizationSettings(actor) : null]);

  return (
    <main id="main" className="page page-narrow account-page">
      <div className="page-head">
        <div>
          <h1>Account security</h1>
          <p className="muted">Two-factor authentication, where you are signed in, and your password.</p>
        </div>
      </div>
      {mustEnrolMfa(actor) && <MfaRequiredNotice />}
      <TwoFactorCard enabled={actor.mfaEnabled} required={actor.mfaRequired} />
      <SessionsCard sessions={sessions.items} />
      <section className="card card-body account-card" aria-labelledby="password-title">
        <div className="account-card-head">
          <h2 id="password-title">Change password</h2>
        </div>
        <p className="muted">Changing your password signs out every other device.</p>
        <ChangePasswordForm />
      </section>
      {org && <OrgSecurityCard mfaRequired={org.mfaRequired} selfEnrolled={actor.mfaEnabled} />}
    </main>
  );
}
