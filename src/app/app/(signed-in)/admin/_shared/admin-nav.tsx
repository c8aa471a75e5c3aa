import { NavLink } from "../../_header/nav-link";

const LINKS = [
  { href: "/app/admin/users", label: "Users" },
  { href: "/app/admin/teams", label: "Teams" },
  { href: "/app/admin/macros", label: "Macros" },
  { href: "/app/admin/sla", label: "SLA" },
  { href: "/app/admin/webhook", label: "Webhook" },
  { href: "/app/admin/mail", label: "E-mail" },
  { href: "/app/admin/organization", label: "Organization" },
  { href: "/app/admin/audit", label: "Audit log" },
];

export function AdminNav() {
  return (
    <nav className="admin-nav" aria-label="Admin">
      <ul>
        {LINKS.map((l) => (
          <li key={l.href}>
            <NavLink href={l.href}>{l.label}</NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
