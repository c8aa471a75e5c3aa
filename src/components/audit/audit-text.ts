// The audit log in words (issue 13): "Alex Agent changed ticket #37 “Printer…”: priority High → Urgent".
// Ids become names through the page's directory (listAuditEvents names its own organization's people,
// teams and tickets); an id it cannot name is shown shortened, never guessed. The raw event (action, ids,
// data, hash) stays available beside it: the words are a reading aid, the chain is the evidence.
import type { AuditDirectory } from "@/domain/audit/list-audit-events";
import type { TRole, TTicketPriority, TTicketStatus } from "@/db/schema/enums";
import { PRIORITY_LABELS, ROLE_LABELS, STATUS_LABELS } from "@/components/tickets/labels";

export interface AuditEventView {
  action: string;
  actorId: string | null;
  targetType: string;
  targetId: string | null;
  data: unknown;
}

export interface AuditChange {
  field: string;
  from: string;
  to: string;
}

export interface AuditLine {
  who: string;
  what: string;
  target: { label: string; href?: string } | null;
  changes: AuditChange[];
}

/** What each action did, as the verb phrase after the actor's name. Also the action filter's choices. */
export const AUDIT_ACTION_WORDS: Record<string, string> = {
  "ticket.created": "opened",
  "ticket.updated": "changed",
  "sla.breached": "saw an SLA target breached on",
  "sla.policies_updated": "changed the SLA policies",
  "sla.deadlines_changed": "recomputed SLA deadlines",
  "access.denied": "was refused access",
  "rate_limit.hit": "hit a rate limit",
  "user.updated": "changed the user",
  "user.invited": "invited",
  "user.invite_accepted": "accepted the invitation of",
  "user.mfa_reset": "reset two-step sign-in of",
  "user.mail_contact_created": "added an e-mail contact",
  "session.revoked": "revoked a session",
  "session.revoked_others": "signed out their other sessions",
  "auth.password_reset_requested": "asked for a password reset",
  "auth.password_reset_refused": "was refused a password reset",
  "auth.password_reset": "reset the password of",
  "team.created": "created the team",
  "team.renamed": "renamed the team",
  "team.members_set": "changed the members of team",
  "team.deleted": "deleted the team",
  "tag.deleted": "deleted a tag",
  "view.created": "created a saved view",
  "view.updated": "changed a saved view",
  "view.deleted": "deleted a saved view",
  "macro.created": "created a macro",
  "macro.updated": "changed a macro",
  "macro.deleted": "deleted a macro",
  "webhook.updated": "changed the webhook",
  "webhook.test_sent": "sent a test webhook",
  "webhook.secret_rotated": "rotated the webhook secret",
  "organization.settings_updated": "changed the organization's settings",
  "mail.settings_updated": "changed the e-mail settings",
  "mailbox.created": "added a mailbox",
  "mailbox.updated": "changed a mailbox",
  "mailbox.deleted": "removed a mailbox",
  "mail.held": "held a mail for review",
  "mail.held_accepted": "accepted a held mail",
  "mail.held_dropped": "dropped a held mail",
  "export.requested": "requested an export",
  "export.completed": "finished an export",
  "export.failed": "failed an export",
  "export.downloaded": "downloaded an export",
  "attachment.rejected": "had an attachment rejected",
  "attachment.downloaded": "downloaded an attachment of",
  "attachment.download_url_issued": "got a download link for an attachment of",
  "attachment.download_refused": "was refused an attachment download",
  "audit.verified": "verified the audit chain",
  "satisfaction.answered": "answered the satisfaction question of",
  "person.erased": "erased on request the person",
  "tickets.retention_applied": "applied the retention rule to closed tickets",
  "account.preferences_updated": "changed their time zone, language or theme",
  "mail_domain.verified": "verified a mail domain",
  "mail_domain.verify_failed": "failed to verify a mail domain",
  "mail_domain.verify_refused": "was refused a mail domain",
  "mail_domain.unverified": "lost the verification of a mail domain",
  "reports.viewed": "opened the reports",
};

const SYSTEM_JOBS: Record<string, string> = {
  "sla-scan": "The SLA scan",
  "ticket-retention": "The retention job",
  "mail-domain-recheck": "The mail domain check",
  "mail-ingest": "Incoming e-mail",
  "mail-poll": "The mailbox poller",
  exports: "The export worker",
};

const short = (id: string) => (id.length > 12 ? `${id.slice(0, 8)}…` : id);

function who(actorId: string | null, dir: AuditDirectory): string {
  if (actorId === null) return "Someone not signed in";
  if (actorId.startsWith("system:")) {
    const job = actorId.slice("system:".length);
    return SYSTEM_JOBS[job] ?? `The system (${job})`;
  }
  return dir.people[actorId] ?? `User ${short(actorId)}`;
}

const quoted = (title: string) => `“${title.length > 48 ? `${title.slice(0, 47)}…` : title}”`;

function target(e: AuditEventView, dir: AuditDirectory): AuditLine["target"] {
  if (!e.targetId) return null;
  const data = (e.data ?? {}) as Record<string, unknown>;
  if (e.targetType === "ticket") {
    const t = dir.tickets[e.targetId];
    if (t) return { label: `ticket #${t.number} ${quoted(t.title)}`, href: `/app/tickets/${e.targetId}` };
    return { label: typeof data.number === "number" ? `ticket #${data.number}` : `ticket ${short(e.targetId)}` };
  }
  if (e.targetType === "user") return { label: dir.people[e.targetId] ?? `user ${short(e.targetId)}` };
  if (e.targetType === "team") return { label: dir.teams[e.targetId] ?? (typeof data.name === "string" ? data.name : `team ${short(e.targetId)}`) };
  if (e.targetType === "attachment" && typeof data.ticketId === "string" && dir.tickets[data.ticketId]) {
    const t = dir.tickets[data.ticketId]!;
    return { label: `ticket #${t.number} ${quoted(t.title)}`, href: `/app/tickets/${data.ticketId}` };
  }
  return { label: `${e.targetType.replace(/_/g, " ")} ${short(e.targetId)}` };
}

const FIELD_LABELS: Record<string, string> = {
  status: "status",
  priority: "priority",
  assigneeId: "assignee",
  teamId: "team",
  title: "title",
  descriptionMd: "description",
  tags: "tags",
  role: "role",
  active: "account",
  name: "name",
};

function valueText(field: string, value: unknown, dir: AuditDirectory): string {
  if (value === null || value === undefined || value === "") return "none";
  if (Array.isArray(value)) return value.length ? value.map(String).join(", ") : "none";
  if (typeof value === "boolean") return field === "active" ? (value ? "active" : "deactivated") : value ? "yes" : "no";
  const text = String(value);
  if (field === "status") return STATUS_LABELS[text as TTicketStatus] ?? text;
  if (field === "priority") return PRIORITY_LABELS[text as TTicketPriority] ?? text;
  if (field === "role") return ROLE_LABELS[text as TRole] ?? text;
  if (field === "assigneeId") return dir.people[text] ?? `user ${short(text)}`;
  if (field === "teamId") return dir.teams[text] ?? "(deleted team)";
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
}

function changes(e: AuditEventView, dir: AuditDirectory): AuditChange[] {
  const data = (e.data ?? {}) as Record<string, unknown>;
  const record = (data.changes ?? (e.action === "team.renamed" ? { name: data.name } : null)) as Record<string, { from?: unknown; to?: unknown }> | null;
  if (!record || typeof record !== "object") return [];
  return Object.entries(record)
    .filter(([, c]) => c && typeof c === "object" && JSON.stringify(c.from) !== JSON.stringify(c.to))
    .map(([field, c]) => ({ field: FIELD_LABELS[field] ?? field, from: valueText(field, c.from, dir), to: valueText(field, c.to, dir) }));
}

export function describeAuditEvent(e: AuditEventView, dir: AuditDirectory): AuditLine {
  const data = (e.data ?? {}) as Record<string, unknown>;
  let what = AUDIT_ACTION_WORDS[e.action] ?? e.action;
  if (e.action === "ticket.updated" && data.cause === "requester_reply") what = "reopened by replying to";
  if (e.action === "ticket.updated" && data.cause === "bulk") what = "changed (bulk action)";
  return { who: who(e.actorId, dir), what, target: target(e, dir), changes: changes(e, dir) };
}
