import { ZInviteUser } from "@/domain/admin/admin.schemas";
import { inviteUser } from "@/domain/admin/invite-user";
import { json } from "@/http/respond";
import { route } from "@/http/route";

export const POST = route({ name: "admin.users.invite", body: ZInviteUser }, async ({ actor, body }) => json(await inviteUser(actor, body), { status: 201 }));
