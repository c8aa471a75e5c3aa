import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { can, mustEnrolMfa } from "@/auth/actor";
import { requirePageActor } from "@/auth/page-actor";
import { ACCOUNT_MESSAGES } from "@/components/messages/account";
import { pageMessages } from "@/components/messages/page-messages";
import { listMySessions } from "@/domain/account/sessions";
import { getOrganizationSettings } from "@/domain/admin/organization-settings";
import "@/styles/account.css";
import { SessionsCard } from "./_sessions/sessions-card";
import { TwoFactorCard } from "./_two-factor/two-factor-card";
import { ChangePasswordForm } from "./change-password-form";
import { MfaRequiredNotice } from "./mfa-required-notice";
import { OrgSecurityCard } from "./org-security-card";

export async function generateMetadata(): Promise<Metadata> {
  const t = await pageMessages(ACCOUNT_MESSAGES);
  return { title: t("security.title") };
}

/**
 * Account security (S2, S3): two-factor, sessions, password, and for admins the organization's MFA rule.
 * The one signed-in page reachable before a required MFA enrolment: it is where the gate sends people.
 */
export default async function AccountSecurityPage() {
  const actor = await requirePageActor({ allowWithoutMfa: true });
  if (!can(actor, "account.manage")) notFound();
  const managesOrg = can(actor, "org.settings.read") && can(actor, "org.settings.update");
  const [sessions, org, t] = await Promise.all([listMySessions(actor), managesOrg ? getOrganizationSettings(actor) : null, pageMessages(ACCOUNT_MESSAGES)]);

  return (
    <main id="main" className="page page-narrow account-page">
      <div className="page-head">
        <div>
          <h1>{t("security.title")}</h1>
          <p className="muted">{t("security.intro")}</p>
        </div>
      </div>
      {mustEnrolMfa(actor) && <MfaRequiredNotice t={t} />}
      <TwoFactorCard enabled={actor.mfaEnabled} required={actor.mfaRequired} />
      <SessionsCard sessions={sessions.items} t={t} />
      <section className="card card-body account-card" aria-labelledby="password-title">
        <div className="account-card-head">
          <h2 id="password-title">{t("password.title")}</h2>
        </div>
        <p className="muted">{t("password.intro")}</p>
        <ChangePasswordForm />
      </section>
      {org && <OrgSecurityCard mfaRequired={org.mfaRequired} selfEnrolled={actor.mfaEnabled} />}
    </main>
  );
}
