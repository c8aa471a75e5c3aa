import { resetUserMfa } from "@/domain/admin/reset-user-mfa";
import { route } from "@/http/route";

export const POST = route({ name: "admin.users.reset_mfa" }, ({ actor, params }) => resetUserMfa(actor, params.id!));
