// The admin area's frame (issue 13): the heading above every admin page and its navigation. Each admin page
// keeps its own texts in its own set (audit, sla-settings, mail-settings, webhook-settings, admin-users,
// admin-teams…), so a page's client components ship only that page's texts.
import { defineMessages } from "./define";

export const ADMIN_MESSAGES = defineMessages({
  "admin.kicker": "Admin",
  "nav.label": "Admin",
  "nav.users": "Users",
  "nav.teams": "Teams",
  "nav.macros": "Macros",
  "nav.sla": "SLA",
  "nav.webhook": "Webhook",
  "nav.mail": "E-mail",
  "nav.organization": "Organization",
  "nav.audit": "Audit log",
});
