import { ZUpdateUser } from "@/domain/admin/admin.schemas";
import { updateUser } from "@/domain/admin/update-user";
import { route } from "@/http/route";

export const PATCH = route({ name: "admin.users.update", body: ZUpdateUser }, ({ actor, params, body }) => updateUser(actor, params.id!, body));
