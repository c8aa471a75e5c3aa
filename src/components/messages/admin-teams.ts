// The admin teams page's texts (issue 13).
import { defineMessages, plural } from "./define";

export const ADMIN_TEAMS_MESSAGES = defineMessages({
  "page.metaTitle": "Teams · Admin",
  "page.title": "Teams",
  "page.intro": "Group agents for assignment. Deleting a team keeps its tickets, without a team.",
  "new.title": "New team",
  "new.name": "Team name",
  "new.create": "Create team",
  "teams.none": "No teams yet.",
  "team.memberCount": (vars, locale) => plural(Number(vars.count), locale, { one: "{count} member", other: "{count} members" }),
  "team.rename": "Rename",
  "team.renamed": "Team renamed.",
  "team.members": "Members of {team}",
  "team.noStaff": "No active agents or admins yet.",
  "team.saveMembers": "Save members",
  "team.membersSaved": "Members saved.",
  "team.ofTeam": "of {team}",
  "team.confirmDelete": "Confirm delete",
  "team.delete": "Delete team",
  "team.deleted": "Team deleted.",
});
