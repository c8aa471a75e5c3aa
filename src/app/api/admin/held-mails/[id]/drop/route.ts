import { dropHeldMail } from "@/domain/mail/held-mails";
import { route } from "@/http/route";

export const POST = route({ name: "admin.held_mails.drop" }, ({ actor, params }) => dropHeldMail(actor, params.id!));
