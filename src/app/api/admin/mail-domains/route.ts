import { listMailDomains } from "@/domain/mail/mail-domains";
import { route } from "@/http/route";

export const GET = route({ name: "admin.mail_domains.list" }, ({ actor }) => listMailDomains(actor));
