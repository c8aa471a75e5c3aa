import { checkMailboxNow } from "@/domain/mail/poll-mailbox";
import { route } from "@/http/route";

export const POST = route({ name: "admin.mailboxes.check" }, ({ actor, params }) => checkMailboxNow(actor, params.id!));
