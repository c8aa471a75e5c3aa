import { listMySessions } from "@/domain/account/sessions";
import { route } from "@/http/route";

export const GET = route({ name: "account.sessions.list", permission: "account.manage", allowWithoutMfa: true }, ({ actor }) => listMySessions(actor));
