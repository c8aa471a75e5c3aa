import { revokeMyOtherSessions } from "@/domain/account/sessions";
import { route } from "@/http/route";

export const POST = route({ name: "account.sessions.revoke_others", allowWithoutMfa: true }, ({ actor }) => revokeMyOtherSessions(actor));
