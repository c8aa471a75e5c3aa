// Admin API for SLA policies and the business calendar (S17, D6): tenant-scoped, admins only, audited.
// New targets apply to tickets opened from now on and to a ticket's next priority or status change;
// running deadlines are not rewritten in bulk.
import { requirePermission, type Actor } from "@/auth/actor";
import { inTenantTransaction, scoped, type Scoped } from "@/db/scoped";
import { TICKET_PRIORITIES } from "@/db/schema/enums";
import { now } from "@/lib/clock";
import { ALWAYS_OPEN } from "./business-hours";
import { assertTargetsReachable } from "./preview-sla";
import { DEFAULT_WARNING_LEAD_MINUTES } from "./sla-calendar";
import type { TSlaConfiguration } from "./sla-policies.schemas";

async function readConfiguration(s: Scoped): Promise<TSlaConfiguration> {
  const [settings, policies] = await Promise.all([s.sla.settings(), s.sla.policies()]);
  const order = (p: string) => TICKET_PRIORITIES.indexOf(p as (typeof TICKET_PRIORITIES)[number]);
  return {
    timeZone: settings?.timeZone ?? ALWAYS_OPEN.timeZone,
    alwaysOpen: settings?.alwaysOpen ?? true,
    weeklyHours: settings?.weeklyHours ?? {},
    holidays: settings?.holidays ?? [],
    warningLeadMinutes: settings?.warningLeadMinutes ?? DEFAULT_WARNING_LEAD_MINUTES,
    policies: policies
      .sort((a, b) => order(a.priority) - order(b.priority))
      .map((p) => ({
        priority: p.priority,
        firstResponseMinutes: p.firstResponseMinutes,
        nextReplyMinutes: p.nextReplyMinutes,
        resolutionMinutes: p.resolutionMinutes,
        pauseWhenPending: p.pauseWhenPending,
      })),
  };
}

export async function getSlaConfiguration(actor: Actor): Promise<TSlaConfiguration> {
  requirePermission(actor, "sla.policies.read");
  return readConfiguration(scoped(actor));
}

export async function updateSlaConfiguration(actor: Actor, input: TSlaConfiguration): Promise<TSlaConfiguration> {
  requirePermission(actor, "sla.policies.update");
  assertTargetsReachable(input, now());
  return inTenantTransaction(actor, async (s) => {
    const before = await readConfiguration(s);
    const { policies, ...calendar } = input;
    await s.sla.saveSettings({ ...calendar, holidays: [...new Set(calendar.holidays)].sort() });
    await s.sla.replacePolicies(policies);
    const after = await readConfiguration(s);
    await s.audit.record({ action: "sla.policies_updated", targetType: "organization", targetId: actor.orgId, data: { before, after } });
    return after;
  });
}
