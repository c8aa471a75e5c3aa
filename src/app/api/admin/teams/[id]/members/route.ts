import { ZSetTeamMembers } from "@/domain/admin/admin.schemas";
import { setTeamMembers } from "@/domain/admin/teams";
import { route } from "@/http/route";

export const PUT = route({ name: "admin.teams.members", body: ZSetTeamMembers }, ({ actor, params, body }) => setTeamMembers(actor, params.id!, body));
