import { ZUpdateMailbox } from "@/domain/mail/mail.schemas";
import { deleteMailbox, getMailbox, updateMailbox } from "@/domain/mail/mailboxes";
import { route } from "@/http/route";

export const GET = route({ name: "admin.mailboxes.get" }, ({ actor, params }) => getMailbox(actor, params.id!));

export const PATCH = route({ name: "admin.mailboxes.update", body: ZUpdateMailbox }, ({ actor, params, body }) => updateMailbox(actor, params.id!, body));

export const DELETE = route({ name: "admin.mailboxes.delete" }, ({ actor, params }) => deleteMailbox(actor, params.id!));
