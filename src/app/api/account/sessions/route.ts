import { listMySessions } from "@/domain/account/sessions";
import { route } from "@/http/route";

export const GET = route({ name: "account.sessions.list", allowWithoutMfa: true }, ({ actor }) => listMySessions(actor));
