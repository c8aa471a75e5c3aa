import { ZVerifyMailDomain } from "@/domain/mail/mail.schemas";
import { verifyMailDomain } from "@/domain/mail/mail-domains";
import { route } from "@/http/route";

export const POST = route({ name: "admin.mail_domains.verify", body: ZVerifyMailDomain }, ({ actor, body }) => verifyMailDomain(actor, body));
