// The audit log in words (issue 13): "Alex Agent changed ticket #37 “Printer…”: priority High → Urgent".
// Ids become names through the page's directory (listAuditEvents names its own organization's people,
// teams and tickets); an id it cannot name is shown shortened, never guessed. The raw event (action, ids,
// data, hash) stays available beside it: the words are a reading aid, the chain is the evidence.
// The words themselves are in the audit message set (components/messages/audit.ts), in the reader's locale.
import type { AuditDirectory } from "@/domain/audit/list-audit-events";
import { AUDIT_MESSAGES, type AuditMessageId, type AuditTranslator } from "@/components/messages/audit";
import { COMMON_MESSAGES } from "@/components/messages/common";
import { type MessageIdOf, type Translator, translator } from "@/components/messages/define";

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

type ActionMessageId = Extract<AuditMessageId, `action.${string}`>;
/** An action the audit log has words for: a key of the set's "action.<action>" messages. */
export type AuditAction = ActionOf<ActionMessageId>;
type ActionOf<Id> = Id extends `action.${infer A}` ? A : never;

const ACTION_PREFIX = "action.";

/** Every action with words, sorted: the action filter's choices. */
export const AUDIT_ACTIONS: readonly AuditAction[] = (Object.keys(AUDIT_MESSAGES.en) as AuditMessageId[])
  .filter((id): id is ActionMessageId => id.startsWith(ACTION_PREFIX))
  .map((id) => id.slice(ACTION_PREFIX.length) as AuditAction)
  .sort();

export function isAuditAction(action: string): action is AuditAction {
  // Every id of the set starts with a letter, so the prefix keeps Object.prototype's names out.
  return `${ACTION_PREFIX}${action}` in AUDIT_MESSAGES.en;
}

/** The audit words and the shared words (statuses, priorities, roles) in one reader's locale. */
export interface AuditWords {
  t: AuditTranslator;
  common: Translator<MessageIdOf<typeof COMMON_MESSAGES>>;
}

export function auditWords(locale: string): AuditWords {
  return { t: translator(AUDIT_MESSAGES, locale), common: translator(COMMON_MESSAGES, locale) };
}

/** What an action did as the verb phrase after the actor's name; null for an action without words. */
export function auditActionWords(action: string, t: AuditTranslator): string | null {
  return isAuditAction(action) ? t(`action.${action}`) : null;
}

const SYSTEM_JOBS: Record<string, AuditMessageId> = {
  "sla-scan": "actor.job.slaScan",
  "ticket-retention": "actor.job.ticketRetention",
  "mail-domain-recheck": "actor.job.mailDomainRecheck",
  "mail-ingest": "actor.job.mailIngest",
  "mail-poll": "actor.job.mailPoll",
  exports: "actor.job.exports",
};

const short = (id: string) => (id.length > 12 ? `${id.slice(0, 8)}…` : id);

function who(actorId: string | null, dir: AuditDirectory, { t }: AuditWords): string {
  if (actorId === null) return t("actor.anonymous");
  if (actorId.startsWith("system:")) {
    const job = actorId.slice("system:".length);
    const id = Object.hasOwn(SYSTEM_JOBS, job) ? SYSTEM_JOBS[job] : undefined;
    return id ? t(id) : t("actor.system", { job });
  }
  return dir.people[actorId] ?? t("actor.unknownUser", { id: short(actorId) });
}

const quoted = (title: string, t: AuditTranslator) => t("target.quoted", { title: title.length > 48 ? `${title.slice(0, 47)}…` : title });

function target(e: AuditEventView, dir: AuditDirectory, { t }: AuditWords): AuditLine["target"] {
  if (!e.targetId) return null;
  const data = (e.data ?? {}) as Record<string, unknown>;
  if (e.targetType === "ticket") {
    const ticket = dir.tickets[e.targetId];
    if (ticket) return { label: t("target.ticketTitled", { number: ticket.number, title: quoted(ticket.title, t) }), href: `/app/tickets/${e.targetId}` };
    return { label: typeof data.number === "number" ? t("target.ticketNumber", { number: data.number }) : t("target.ticket", { id: short(e.targetId) }) };
  }
  if (e.targetType === "user") return { label: dir.people[e.targetId] ?? t("target.user", { id: short(e.targetId) }) };
  if (e.targetType === "team")
    return { label: dir.teams[e.targetId] ?? (typeof data.name === "string" ? data.name : t("target.team", { id: short(e.targetId) })) };
  if (e.targetType === "attachment" && typeof data.ticketId === "string" && dir.tickets[data.ticketId]) {
    const ticket = dir.tickets[data.ticketId]!;
    return { label: t("target.ticketTitled", { number: ticket.number, title: quoted(ticket.title, t) }), href: `/app/tickets/${data.ticketId}` };
  }
  return { label: t("target.other", { type: e.targetType.replace(/_/g, " "), id: short(e.targetId) }) };
}

const FIELD_LABELS: Record<string, AuditMessageId> = {
  status: "field.status",
  priority: "field.priority",
  assigneeId: "field.assignee",
  teamId: "field.team",
  title: "field.title",
  descriptionMd: "field.description",
  tags: "field.tags",
  role: "field.role",
  active: "field.account",
  name: "field.name",
};

/** The shared words of an enum value ("status.on_hold" → "On hold"); the value itself when it has none. */
function enumWord(group: "status" | "priority" | "role", value: string, { common }: AuditWords): string {
  const id = `${group}.${value}`;
  return id in COMMON_MESSAGES.en ? common(id as MessageIdOf<typeof COMMON_MESSAGES>) : value;
}

function valueText(field: string, value: unknown, dir: AuditDirectory, words: AuditWords): string {
  const { t } = words;
  if (value === null || value === undefined || value === "") return t("value.none");
  if (Array.isArray(value)) return value.length ? value.map(String).join(", ") : t("value.none");
  if (typeof value === "boolean") return field === "active" ? t(value ? "value.active" : "value.deactivated") : t(value ? "value.yes" : "value.no");
  const text = String(value);
  if (field === "status" || field === "priority" || field === "role") return enumWord(field, text, words);
  if (field === "assigneeId") return dir.people[text] ?? t("value.user", { id: short(text) });
  if (field === "teamId") return dir.teams[text] ?? t("value.deletedTeam");
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
}

function changes(e: AuditEventView, dir: AuditDirectory, words: AuditWords): AuditChange[] {
  const data = (e.data ?? {}) as Record<string, unknown>;
  const record = (data.changes ?? (e.action === "team.renamed" ? { name: data.name } : null)) as Record<string, { from?: unknown; to?: unknown }> | null;
  if (!record || typeof record !== "object") return [];
  return Object.entries(record)
    .filter(([, c]) => c && typeof c === "object" && JSON.stringify(c.from) !== JSON.stringify(c.to))
    .map(([field, c]) => {
      const label = Object.hasOwn(FIELD_LABELS, field) ? FIELD_LABELS[field] : undefined;
      return { field: label ? words.t(label) : field, from: valueText(field, c.from, dir, words), to: valueText(field, c.to, dir, words) };
    });
}

export function describeAuditEvent(e: AuditEventView, dir: AuditDirectory, words: AuditWords): AuditLine {
  const data = (e.data ?? {}) as Record<string, unknown>;
  let what = auditActionWords(e.action, words.t) ?? e.action;
  if (e.action === "ticket.updated" && data.cause === "requester_reply") what = words.t("what.reopenedByReply");
  if (e.action === "ticket.updated" && data.cause === "bulk") what = words.t("what.bulkChange");
  return { who: who(e.actorId, dir, words), what, target: target(e, dir, words), changes: changes(e, dir, words) };
}
