import { requirePermission, type Actor } from "@/auth/actor";
import { inTenantTransaction, scoped } from "@/db/scoped";
import type { TUpdateOrganizationSettings } from "./admin.schemas";

function toDto(org: { id: string; name: string; slug: string; mfaRequired: boolean }) {
  return { id: org.id, name: org.name, slug: org.slug, mfaRequired: org.mfaRequired };
}

export async function getOrganizationSettings(actor: Actor) {
  requirePermission(actor, "org.settings.read");
  return toDto(await scoped(actor).organization.get());
}

/** Organization settings such as "MFA required for everyone" (S2), audited (S17). */
export async function updateOrganizationSettings(actor: Actor, input: TUpdateOrganizationSettings) {
  requirePermission(actor, "org.settings.update");
  return inTenantTransaction(actor, async (s) => {
    const before = await s.organization.get();
    const after = await s.organization.update(input);
    await s.audit.record({
      action: "organization.settings_updated",
      targetType: "organization",
      targetId: actor.orgId,
      data: { changes: Object.fromEntries(Object.keys(input).map((k) => [k, { from: before[k as keyof typeof before], to: after[k as keyof typeof after] }])) },
    });
    return toDto(after);
  });
}
