import { ZCreateMailbox } from "@/domain/mail/mail.schemas";
import { createMailbox, listMailboxes } from "@/domain/mail/mailboxes";
import { json } from "@/http/respond";
import { route } from "@/http/route";

export const GET = route({ name: "admin.mailboxes.list" }, ({ actor }) => listMailboxes(actor));

export const POST = route({ name: "admin.mailboxes.create", body: ZCreateMailbox }, async ({ actor, body }) =>
  json(await createMailbox(actor, body), { status: 201 }),
);
