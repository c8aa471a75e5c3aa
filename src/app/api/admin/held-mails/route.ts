import { listHeldMails } from "@/domain/mail/held-mails";
import { ZListHeldQuery } from "@/domain/mail/mail.schemas";
import { route } from "@/http/route";

export const GET = route({ name: "admin.held_mails.list", query: ZListHeldQuery }, ({ actor, query }) => listHeldMails(actor, query));
