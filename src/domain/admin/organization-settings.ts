import { requirePermission, type Actor } from "@/auth/actor";
import { inTenantTransaction, scoped } from "@/db/scoped";
import type { TUpdateOrganizationSettings } from "./admin.schemas";

type OrgFields = {
  id: string;
  name: string;
  slug: string;
  mfaRequired: boolean;
  agentExportsAllowed: boolean;
  agentReportsAllowed: boolean;
  defaultTimeZone: string | null;
  defaultLocale: string | null;
  closedTicketRetentionMonths: number | null;
  closedTicketRetentionAction: "delete" | "anonymise";
};

function toDto(org: OrgFields, auditRetentionDays: number | null) {
  return {
    id: org.id,
    name: org.name,
    slug: org.slug,
    mfaRequired: org.mfaRequired,
    agentExportsAllowed: org.agentExportsAllowed,
    agentReportsAllowed: org.agentReportsAllowed,
    defaultTimeZone: org.defaultTimeZone,
    defaultLocale: org.defaultLocale,
    auditRetentionDays,
    closedTicketRetentionMonths: org.closedTicketRetentionMonths,
    closedTicketRetentionAction: org.closedTicketRetentionAction,
  };
}

export async function getOrganizationSettings(actor: Actor) {
  requirePermission(actor, "org.settings.read");
  const s = scoped(actor);
  const [org, retention] = await Promise.all([s.organization.get(), s.organization.getAuditRetentionDays()]);
  return toDto(org, retention);
}

/**
 * Organization settings such as "MFA required for everyone" (S2), audit retention (S12), the name and the
 * default time zone and locale (issue 13), whether agents may export (S18) and open the reports (issue 13), the
 * retention rule for closed tickets (issue 14), audited (S17).
 * Retention lives on the audit chain head; null keeps events forever.
 */
export async function updateOrganizationSettings(actor: Actor, input: TUpdateOrganizationSettings) {
  requirePermission(actor, "org.settings.update");
  return inTenantTransaction(actor, async (s) => {
    const { auditRetentionDays, ...orgPatch } = input;
    const before = { ...(await s.organization.get()), auditRetentionDays: await s.organization.getAuditRetentionDays() };
    const org = Object.keys(orgPatch).length > 0 ? await s.organization.update(orgPatch) : before;
    if (auditRetentionDays !== undefined) await s.organization.setAuditRetentionDays(auditRetentionDays);
    const after = { ...org, auditRetentionDays: auditRetentionDays !== undefined ? auditRetentionDays : before.auditRetentionDays };
    await s.audit.record({
      action: "organization.settings_updated",
      targetType: "organization",
      targetId: actor.orgId,
      // Only what changed: the settings page sends every field each time.
      data: {
        changes: Object.fromEntries(
          Object.keys(input)
            .map((k) => [k, { from: before[k as keyof typeof before], to: after[k as keyof typeof after] }] as const)
            .filter(([, c]) => c.from !== c.to),
        ),
      },
    });
    return toDto(after, after.auditRetentionDays);
  });
}
