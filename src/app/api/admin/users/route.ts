import { ZListUsersQuery } from "@/domain/admin/admin.schemas";
import { listUsers } from "@/domain/admin/list-users";
import { route } from "@/http/route";

export const GET = route({ name: "admin.users.list", query: ZListUsersQuery }, ({ actor, query }) => listUsers(actor, query));
