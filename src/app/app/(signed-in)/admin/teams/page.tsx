import { scoped } from "@/db/scoped";
import { listTeams } from "@/domain/admin/teams";
import { requireAdminPage } from "../_shared/require-admin";
import { CreateTeamForm } from "./create-team-form";
import { TeamEditor } from "./team-editor";

export const metadata = { title: "Teams · Admin" };

export default async function AdminTeamsPage() {
  const actor = await requireAdminPage();
  // Candidates for membership: the organization's active agents and admins (the API refuses anyone else).
  const [teams, staff] = await Promise.all([listTeams(actor), scoped(actor).users.listStaff()]);
  return (
    <>
      <div className="page-head">
        <div>
          <h1>Teams</h1>
          <p className="muted">Group agents for assignment. Deleting a team keeps its tickets, without a team.</p>
        </div>
      </div>
      <section className="card card-body admin-card" aria-labelledby="new-team-title">
        <h2 id="new-team-title">New team</h2>
        <CreateTeamForm />
      </section>
      {teams.items.length === 0 ? (
        <p className="card card-body empty-state">No teams yet.</p>
      ) : (
        teams.items.map((t) => <TeamEditor key={t.id} team={t} staff={staff.map((s) => ({ id: s.id, name: s.name }))} />)
      )}
    </>
  );
}
