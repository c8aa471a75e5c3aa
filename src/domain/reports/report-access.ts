// Who may open the reports (issue 13): admins; agents when their organization allows it, read at each
// request so that switching it off takes effect on the next page or API call (with the session, when the
// actor was read from one; else from the organization).
import { can, type Actor } from "@/auth/actor";
import type { Scoped } from "@/db/scoped";
import { Forbidden } from "@/lib/errors";

export async function mayReadReports(actor: Actor, s: Scoped): Promise<boolean> {
  if (can(actor, "reports.read")) return true;
  if (!can(actor, "reports.read.when_allowed")) return false;
  return actor.agentReportsAllowed ?? (await s.organization.get()).agentReportsAllowed;
}

export async function requireReportAccess(actor: Actor, s: Scoped): Promise<void> {
  if (!(await mayReadReports(actor, s))) throw Forbidden("Reports are not enabled for your role");
}
