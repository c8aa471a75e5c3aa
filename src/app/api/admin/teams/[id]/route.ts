import { ZTeamName } from "@/domain/admin/admin.schemas";
import { deleteTeam, renameTeam } from "@/domain/admin/teams";
import { route } from "@/http/route";

export const PATCH = route({ name: "admin.teams.rename", body: ZTeamName }, ({ actor, params, body }) => renameTeam(actor, params.id!, body));

export const DELETE = route({ name: "admin.teams.delete" }, ({ actor, params }) => deleteTeam(actor, params.id!));
