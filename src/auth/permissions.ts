// The single table of what each role may do (S17, DESIGN.md rule 3). Routes, pages and domain code ask
// `can()`; nothing else compares role strings. Tests print this table as a matrix.
import type { TRole } from "@/db/schema/enums";

export const PERMISSIONS = {
  "tickets.read.all": { roles: ["admin", "agent"], description: "See every ticket of the organization" },
  "tickets.read.own": { roles: ["admin", "agent", "requester"], description: "See tickets one requested" },
  "tickets.read.triage": {
    roles: ["admin", "agent"],
    description:
      "See a ticket's triage (priority, assignee, team, SLA targets, tags), filter by it and follow every write's version; requesters see only what they can act on",
  },
  "tickets.create": { roles: ["admin", "agent", "requester"], description: "Open a ticket" },
  "tickets.create.on_behalf": { roles: ["admin", "agent"], description: "Open a ticket for another requester" },
  "tickets.update.content": { roles: ["admin", "agent"], description: "Edit any ticket's title and description" },
  "tickets.update.content.own": { roles: ["admin", "agent", "requester"], description: "Edit the title and description of one's own ticket" },
  "tickets.update.status": { roles: ["admin", "agent"], description: "Move a ticket through any status" },
  "tickets.close.own": {
    roles: ["admin", "agent", "requester"],
    description: "Close one's own ticket, or reopen it while resolved (closed is final: follow-up)",
  },
  "tickets.update.priority": { roles: ["admin", "agent"], description: "Change priority (recomputes SLA)" },
  "tickets.assign": { roles: ["admin", "agent"], description: "Set assignee and team" },
  "tickets.activity.read.all": { roles: ["admin", "agent"], description: "See every change on a ticket's timeline (requesters: status only)" },
  "tickets.tag": { roles: ["admin", "agent"], description: "Add and remove a ticket's tags" },
  "tickets.bulk_update": { roles: ["admin", "agent"], description: "Change up to 100 tickets at once (each checked and audited as if changed alone)" },
  "tags.read": { roles: ["admin", "agent"], description: "See tickets' tags, filter the queue by tag and look tags up" },
  "tags.manage": { roles: ["admin"], description: "Delete a tag of the organization (it leaves every ticket that is not closed)" },
  "views.use": { roles: ["admin", "agent"], description: "Save personal views and use the organization's shared views" },
  "views.manage.shared": { roles: ["admin"], description: "Create, change and delete the organization's shared views" },
  "comments.create": { roles: ["admin", "agent", "requester"], description: "Reply on a visible ticket" },
  "comments.read.internal": { roles: ["admin", "agent"], description: "See internal notes" },
  "comments.create.internal": { roles: ["admin", "agent"], description: "Write internal notes" },
  "comments.counts_as_response": { roles: ["admin", "agent"], description: "A public reply records the SLA first response" },
  "tickets.be_assigned": { roles: ["admin", "agent"], description: "Can be a ticket's assignee and receives staff notifications" },
  "macros.use": { roles: ["admin", "agent"], description: "List and apply the organization's shared macros and one's own" },
  "macros.personal.manage": { roles: ["admin", "agent"], description: "Create, edit and delete one's own personal macros" },
  "macros.shared.manage": { roles: ["admin"], description: "Create, edit and delete the organization's shared macros" },
  "directory.read": { roles: ["admin", "agent"], description: "List agents and teams (assignment pickers)" },
  "audit.read": { roles: ["admin"], description: "Read the audit log" },
  "exports.create": { roles: ["admin"], description: "Export the organization's tickets and comments" },
  "exports.create.when_allowed": { roles: ["agent"], description: "Export, when the organization allows agents to" },
  "exports.read.own": { roles: ["admin", "agent"], description: "See and download one's own exports" },
  "exports.read.all": { roles: ["admin"], description: "See every export of the organization" },
  "reports.read": {
    roles: ["admin"],
    description: "Open the reports: volume, backlog, response and resolution times, SLA attainment, agent and team load",
  },
  "reports.read.when_allowed": { roles: ["agent"], description: "Open the reports, when the organization allows agents to" },
  "audit.verify": { roles: ["admin"], description: "Verify the audit chain and record a signed checkpoint" },
  "users.manage": { roles: ["admin"], description: "Change roles, deactivate and reactivate users" },
  "admin.area": { roles: ["admin"], description: "Open the admin area pages" },
  "users.read": { roles: ["admin"], description: "List the organization's users with role, status and MFA state" },
  "users.invite": { roles: ["admin"], description: "Create a user and issue a one-time invite link" },
  "users.mfa.reset": { roles: ["admin"], description: "Remove a user's two-factor authentication (lost device)" },
  "users.erase": {
    roles: ["admin"],
    description: "Erase a requester or a deactivated staff member on request: name, address, texts and files, everywhere (the audit chain stays verifiable)",
  },
  "teams.manage": { roles: ["admin"], description: "Create, rename and delete teams and set their members" },
  "org.settings.read": { roles: ["admin"], description: "See organization settings" },
  "org.settings.update": { roles: ["admin"], description: "Change organization settings (MFA requirement, audit retention)" },
  "attachments.upload": { roles: ["admin", "agent", "requester"], description: "Attach files to a visible ticket or to one's own comment on it" },
  "attachments.read": { roles: ["admin", "agent", "requester"], description: "List and download the scanned attachments of visible tickets" },
  "attachments.read.internal": { roles: ["admin", "agent"], description: "See and download attachments of internal notes" },
  "attachments.read.scan_state": {
    roles: ["admin", "agent"],
    description: "List every attachment with its scan state: waiting for the scan or quarantined (never downloadable)",
  },
  "sla.policies.read": { roles: ["admin"], description: "See SLA targets, business hours and holidays" },
  "sla.policies.update": { roles: ["admin"], description: "Change SLA targets, business hours, holidays and the warning lead" },
  "mail.manage": {
    roles: ["admin"],
    description: "Set up the organization's mailboxes (IMAP passwords are write-only), check them now, and choose who may open tickets by e-mail",
  },
  "mail.held.review": { roles: ["admin", "agent"], description: "See mail held as possibly forged (with the reason) and accept or drop it" },
  "mail.held.accept_staff": {
    roles: ["admin"],
    description: "Accept held mail that claims a staff member's address: it is then posted in that person's name",
  },
  "webhooks.manage": { roles: ["admin"], description: "Set the organization's outgoing webhook and read its delivery log" },
  "events.read": {
    roles: ["admin", "agent", "requester"],
    description: "Open the live event stream: changes to what one may already read, re-checked as one reads it when sent",
  },
  "presence.share": { roles: ["admin", "agent", "requester"], description: "Tell others on a visible ticket's page that one is viewing or replying" },
  "presence.read.all": {
    roles: ["admin", "agent"],
    description: "See everyone's presence on a ticket, replying included (requesters see only that staff are viewing their own ticket)",
  },
  "satisfaction.answer": {
    roles: ["admin", "agent", "requester"],
    description: 'Answer "How did we do?" once per resolution of a ticket one requested (signed in, or through the e-mailed single-use link)',
  },
  "satisfaction.read.all": {
    roles: ["admin", "agent"],
    description: "See requesters' satisfaction answers (good/bad and comment) on tickets and in reports",
  },
  "notifications.read": { roles: ["admin", "agent", "requester"], description: "Read and dismiss one's own notifications" },
  "account.manage": { roles: ["admin", "agent", "requester"], description: "Manage one's own sessions and two-factor authentication" },
} as const satisfies Record<string, { roles: readonly TRole[]; description: string }>;

export type Permission = keyof typeof PERMISSIONS;

/** The roles that hold a permission, for SQL filters ("users who can be assigned"). */
export function rolesWith(permission: Permission): TRole[] {
  return [...(PERMISSIONS[permission].roles as readonly TRole[])];
}

export function roleCan(role: TRole, permission: Permission): boolean {
  return (PERMISSIONS[permission].roles as readonly TRole[]).includes(role);
}
