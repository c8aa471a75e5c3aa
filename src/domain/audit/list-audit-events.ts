import { requirePermission, type Actor } from "@/auth/actor";
import { scoped } from "@/db/scoped";
import { decodeSeqCursor, encodeSeqCursor, toPage } from "@/domain/pagination";
import type { TListAuditQuery } from "./audit.schemas";

const DAY_MS = 86_400_000;

export interface AuditDirectory {
  /** User id → name, for actors and people the events name (deactivated people included). */
  people: Record<string, string>;
  teams: Record<string, string>;
  /** Ticket id → number and title, for the tickets the events are about. */
  tickets: Record<string, { number: number; title: string }>;
}

type Row = { actorId: string | null; targetType: string; targetId: string | null; data: unknown };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The ids a change record mentions (an assignee or a team before and after). */
function changedIds(data: unknown, field: string): string[] {
  const change = (data as { changes?: Record<string, { from?: unknown; to?: unknown }> } | null)?.changes?.[field];
  return [change?.from, change?.to].filter((v): v is string => typeof v === "string" && UUID.test(v));
}

/**
 * Names for the ids on one page of events (issue 13: "Alex Agent changed ticket #37 'Printer…'"), in three
 * queries, from the caller's own organization only: an id of anything else stays unnamed.
 */
async function directoryFor(actor: Actor, rows: Row[]): Promise<AuditDirectory> {
  const people = new Set<string>();
  const ticketIds = new Set<string>();
  for (const r of rows) {
    if (r.actorId && UUID.test(r.actorId)) people.add(r.actorId);
    if (r.targetType === "user" && r.targetId && UUID.test(r.targetId)) people.add(r.targetId);
    if (r.targetType === "ticket" && r.targetId && UUID.test(r.targetId)) ticketIds.add(r.targetId);
    for (const id of changedIds(r.data, "assigneeId")) people.add(id);
  }
  const s = scoped(actor);
  const [users, teams, tickets] = await Promise.all([s.users.findMany([...people]), s.teams.list(), s.tickets.labels([...ticketIds])]);
  return {
    people: Object.fromEntries(users.map((u) => [u.id, u.name])),
    teams: Object.fromEntries(teams.map((t) => [t.id, t.name])),
    tickets: Object.fromEntries(tickets.map((t) => [t.id, { number: t.number, title: t.title }])),
  };
}

/** The organization's audit log, newest first; the cursor holds the last sequence number seen. */
export async function listAuditEvents(actor: Actor, query: TListAuditQuery) {
  requirePermission(actor, "audit.read");
  const since = query.from ? new Date(`${query.from}T00:00:00Z`) : undefined;
  const until = query.to ? new Date(new Date(`${query.to}T00:00:00Z`).getTime() + DAY_MS) : undefined;
  const rows = await scoped(actor).audit.list({ ...query, since, until, cursor: decodeSeqCursor(query.cursor) }, query.limit + 1);
  const page = toPage(
    rows,
    query.limit,
    (e) => ({
      id: e.id,
      seq: e.seq,
      action: e.action,
      actorId: e.actorId,
      targetType: e.targetType,
      targetId: e.targetId,
      data: e.data,
      ip: e.ip,
      userAgent: e.userAgent,
      createdAt: e.createdAt.toISOString(),
      hash: e.hash,
    }),
    (e) => encodeSeqCursor(e.seq),
  );
  return { ...page, directory: await directoryFor(actor, page.items) };
}
