import { revokeMySession } from "@/domain/account/sessions";
import { route } from "@/http/route";

export const DELETE = route({ name: "account.sessions.revoke", allowWithoutMfa: true }, ({ actor, params }) => revokeMySession(actor, params.id!));
