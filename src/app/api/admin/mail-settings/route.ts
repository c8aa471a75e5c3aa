import { ZMailSettings } from "@/domain/mail/mail.schemas";
import { getMailSettings, updateMailSettings } from "@/domain/mail/mailboxes";
import { route } from "@/http/route";

export const GET = route({ name: "admin.mail_settings.get" }, ({ actor }) => getMailSettings(actor));

export const PUT = route({ name: "admin.mail_settings.update", body: ZMailSettings }, ({ actor, body }) => updateMailSettings(actor, body));
