import type { Metadata } from "next";
import { ADMIN_TEAMS_MESSAGES } from "@/components/messages/admin-teams";
import { pageMessages } from "@/components/messages/page-messages";
import { scoped } from "@/db/scoped";
import { listTeams } from "@/domain/admin/teams";
import { requireAdminPage } from "../_shared/require-admin";
import { CreateTeamForm } from "./create-team-form";
import { TeamEditor } from "./team-editor";

export async function generateMetadata(): Promise<Metadata> {
  const t = await pageMessages(ADMIN_TEAMS_MESSAGES);
  return { title: t("page.metaTitle") };
}

export default async function AdminTeamsPage() {
  const actor = await requireAdminPage();
  const t = await pageMessages(ADMIN_TEAMS_MESSAGES);
  // Candidates for membership: the organization's active agents and admins (the API refuses anyone else).
  const [teams, staff] = await Promise.all([listTeams(actor), scoped(actor).users.listStaff()]);
  return (
    <>
      <div className="page-head">
        <div>
          <h1>{t("page.title")}</h1>
          <p className="muted">{t("page.intro")}</p>
        </div>
      </div>
      <section className="card card-body admin-card" aria-labelledby="new-team-title">
        <h2 id="new-team-title">{t("new.title")}</h2>
        <CreateTeamForm />
      </section>
      {teams.items.length === 0 ? (
        <p className="card card-body empty-state">{t("teams.none")}</p>
      ) : (
        teams.items.map((t) => <TeamEditor key={t.id} team={t} staff={staff.map((s) => ({ id: s.id, name: s.name }))} />)
      )}
    </>
  );
}
