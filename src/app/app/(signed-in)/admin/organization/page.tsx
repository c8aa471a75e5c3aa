import type { Metadata } from "next";
import { pageMessages } from "@/components/messages/page-messages";
import { ORGANIZATION_MESSAGES } from "@/components/messages/organization";
import { localeChoices } from "@/components/preferences/locale-choices";
import { AUDIT_RETENTION_MAX_DAYS, AUDIT_RETENTION_MIN_DAYS, TICKET_RETENTION_MAX_MONTHS } from "@/domain/admin/admin.schemas";
import { getOrganizationSettings } from "@/domain/admin/organization-settings";
import { requireAdminPage } from "../_shared/require-admin";
import { timeZoneChoices } from "../_shared/time-zones";
import { OrganizationForm } from "./organization-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await pageMessages(ORGANIZATION_MESSAGES);
  return { title: t("org.metaTitle") };
}

export default async function AdminOrganizationPage() {
  const actor = await requireAdminPage();
  const [org, t] = await Promise.all([getOrganizationSettings(actor), pageMessages(ORGANIZATION_MESSAGES)]);
  return (
    <>
      <div className="page-head">
        <div>
          <h1>{t("org.title")}</h1>
          <p className="muted">
            {org.name} <span className="admin-mono">({org.slug})</span>
          </p>
        </div>
      </div>
      <section className="card card-body admin-card" aria-labelledby="org-settings-title">
        <h2 id="org-settings-title">{t("org.cardTitle")}</h2>
        <OrganizationForm
          name={org.name}
          defaultTimeZone={org.defaultTimeZone ?? ""}
          defaultLocale={org.defaultLocale ?? ""}
          timeZones={timeZoneChoices(org.defaultTimeZone ?? "UTC")}
          locales={localeChoices(org.defaultLocale)}
          mfaRequired={org.mfaRequired}
          agentExportsAllowed={org.agentExportsAllowed}
          agentReportsAllowed={org.agentReportsAllowed}
          auditRetentionDays={org.auditRetentionDays}
          selfEnrolled={actor.mfaEnabled}
          minDays={AUDIT_RETENTION_MIN_DAYS}
          maxDays={AUDIT_RETENTION_MAX_DAYS}
          closedTicketRetentionMonths={org.closedTicketRetentionMonths}
          closedTicketRetentionAction={org.closedTicketRetentionAction}
          maxMonths={TICKET_RETENTION_MAX_MONTHS}
        />
      </section>
    </>
  );
}
