import { ADMIN_MESSAGES } from "@/components/messages/admin";
import { pageMessages } from "@/components/messages/page-messages";
import { NavLink } from "../../_header/nav-link";

const LINKS = [
  { href: "/app/admin/users", label: "nav.users" },
  { href: "/app/admin/teams", label: "nav.teams" },
  { href: "/app/admin/macros", label: "nav.macros" },
  { href: "/app/admin/sla", label: "nav.sla" },
  { href: "/app/admin/webhook", label: "nav.webhook" },
  { href: "/app/admin/mail", label: "nav.mail" },
  { href: "/app/admin/organization", label: "nav.organization" },
  { href: "/app/admin/audit", label: "nav.audit" },
] as const;

export async function AdminNav() {
  const t = await pageMessages(ADMIN_MESSAGES);
  return (
    <nav className="admin-nav" aria-label={t("nav.label")}>
      <ul>
        {LINKS.map((l) => (
          <li key={l.href}>
            <NavLink href={l.href}>{t(l.label)}</NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
