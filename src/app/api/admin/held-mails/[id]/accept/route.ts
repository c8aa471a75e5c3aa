import { acceptHeldMail } from "@/domain/mail/held-mails";
import { route } from "@/http/route";

export const POST = route({ name: "admin.held_mails.accept" }, ({ actor, params }) => acceptHeldMail(actor, params.id!));
