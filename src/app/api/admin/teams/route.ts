import { ZTeamName } from "@/domain/admin/admin.schemas";
import { createTeam, listTeams } from "@/domain/admin/teams";
import { json } from "@/http/respond";
import { route } from "@/http/route";

export const GET = route({ name: "admin.teams.list" }, ({ actor }) => listTeams(actor));

export const POST = route({ name: "admin.teams.create", body: ZTeamName }, async ({ actor, body }) => json(await createTeam(actor, body), { status: 201 }));
