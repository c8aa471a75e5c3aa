import { getHeldMail } from "@/domain/mail/held-mails";
import { route } from "@/http/route";

export const GET = route({ name: "admin.held_mails.get" }, ({ actor, params }) => getHeldMail(actor, params.id!));
