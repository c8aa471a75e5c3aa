import { AUDIT_RETENTION_MAX_DAYS, AUDIT_RETENTION_MIN_DAYS, ORGANIZATION_LOCALES, TICKET_RETENTION_MAX_MONTHS } from "@/domain/admin/admin.schemas";
import { getOrganizationSettings } from "@/domain/admin/organization-settings";
import { requireAdminPage } from "../_shared/require-admin";
import { timeZoneChoices } from "../_shared/time-zones";
import { OrganizationForm } from "./organization-form";

const LANGUAGE_NAMES = new Intl.DisplayNames(["en"], { type: "language", languageDisplay: "standard" });

export const metadata = { title: "Organization · Admin" };

export default async function AdminOrganizationPage() {
  const actor = await requireAdminPage();
  const org = await getOrganizationSettings(actor);
  return (
    <>
      <div className="page-head">
        <div>
          <h1>Organization</h1>
          <p className="muted">
            {org.name} <span className="admin-mono">({org.slug})</span>
          </p>
        </div>
      </div>
      <section className="card card-body admin-card" aria-labelledby="org-settings-title">
        <h2 id="org-settings-title">Name, defaults, security and retention</h2>
        <OrganizationForm
          name={org.name}
          defaultTimeZone={org.defaultTimeZone ?? ""}
          defaultLocale={org.defaultLocale ?? ""}
          timeZones={timeZoneChoices(org.defaultTimeZone ?? "UTC")}
          locales={ORGANIZATION_LOCALES.map((value) => ({ value, label: `${LANGUAGE_NAMES.of(value) ?? value} — ${value}` }))}
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
