import { requirePermission, type Actor } from "@/auth/actor";
import { scoped } from "@/db/scoped";
import { staffLabel } from "./staff-label";

/** Agents and teams of the actor's organization, for assignment pickers and filters. */
export async function listDirectory(actor: Actor) {
  requirePermission(actor, "directory.read");
  const s = scoped(actor);
  const { staff, teams } = await s.users.listStaffAndTeams();
  return {
    // `label` is what pickers show: the name alone could impersonate (issue 9 item 13).
    agents: staff.map((u) => ({ id: u.id, name: u.name, role: u.role, email: u.email, label: staffLabel(u) })),
    teams: teams.map((t) => ({ id: t.id, name: t.name })),
  };
}
