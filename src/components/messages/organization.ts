// The organization's settings page (issue 13): name, defaults, security, exports and reports for agents,
// and retention (S12, issue 14). The time zone and locale fields have their words in preferences.ts.
import { defineMessages } from "./define";

export const ORGANIZATION_MESSAGES = defineMessages({
  "org.metaTitle": "Organization · Admin",
  "org.title": "Organization",
  "org.cardTitle": "Name, defaults, security and retention",
  "org.saved": "Settings saved.",
  "org.nameHint": "Used in invitations, account e-mails and exports.",
  "org.requireMfa": "Require two-factor authentication for everyone",
  "org.mfaHint": "Members without it can only reach their account security page until they set it up.",
  "org.mfaHintNotEnrolled": "Members without it can only reach their account security page until they set it up. That includes you.",
  "org.agentExports": "Agents may export tickets",
  "org.agentExportsHint": "Admins always can. Exports are watermarked and audited.",
  "org.agentReports": "Agents may open the reports",
  "org.agentReportsHint": "Admins always can. Reports show every agent's and team's load and response times.",
  "org.auditRetention": "Keep audit events for (days)",
  "org.auditRetentionError": "Retention",
  "org.auditRetentionHint": "Between {min} and {max} days; leave empty to keep them forever. Removal is itself recorded and the chain stays verifiable.",
  "org.ticketRetention": "Closed tickets: apply retention after (months)",
  "org.ticketRetentionError": "Ticket retention",
  "org.ticketRetentionHint":
    "Closed tickets not changed for this many months (1 to {max}) are handled daily as chosen below, with their comments, files and exports; leave empty to keep them forever.",
  "org.retentionAction": "What happens to them",
  "org.retentionActionHint":
    "Anonymise keeps the ticket's number, status and dates for reports and removes every text and file; delete removes the ticket entirely.",
  "org.retentionAction.anonymise": "Anonymise",
  "org.retentionAction.delete": "Delete",
  "org.save": "Save settings",
});
