// What the breach scan does with a batch of due clocks of one organization (S9): record the warning or
// breach of each running deadline whose moment has come, mark breaches on the clock, notify, and set the
// next check. Runs in the scan's transaction with the clock rows already locked, inside the tickets' own
// organization. Set-based (issue 15): a fixed number of statements per batch, whatever its size — the
// clocks with their tickets, the calendar, the events (whose unique key decides which are new), the
// recipients, notifications, outbox rows, timeline rows, the clocks' new state, and the audit events
// last, so the chain head is locked for the shortest time.
import type { TicketSla, TSlaKind } from "@/db/schema";
import type { Scoped, VisibleTicket } from "@/db/scoped";
import { notifySlaEvents } from "@/domain/notifications/notify-sla";
import { loadSlaSetup } from "./sla-calendar";
import { nextCheckAt, nextDueAt, runningDeadlines, type SlaBreaches } from "./sla-deadlines";

const BREACH_COLUMN: Record<TSlaKind, keyof SlaBreaches> = {
  first_response: "firstResponseBreachedAt",
  next_reply: "nextReplyBreachedAt",
  resolution: "resolutionBreachedAt",
};

export type ScanOutcome = { warnings: number; breaches: number };
type DueEvent = { ticket: VisibleTicket; kind: TSlaKind; type: "warning" | "breach"; clockStartedAt: Date; dueAt: Date };

export async function recordDueSlaEvents(s: Scoped, ticketIds: string[], at: Date): Promise<ScanOutcome> {
  // Read without a lock: the scan never waits for a ticket row (request transactions lock the ticket
  // first, then its clock row, which the scan already holds).
  const found = new Map((await s.sla.clocksWithTickets(ticketIds)).map((r) => [r.ticket.id, r]));
  const { warningLeadMs } = await loadSlaSetup(s);

  const due: DueEvent[] = [];
  const results: Parameters<Scoped["sla"]["saveScanResults"]>[0] = [];
  // In claim order (earliest check first), so the audit events follow it too.
  for (const id of ticketIds) {
    const { ticket, clock: row } = found.get(id) ?? {};
    if (!ticket || !row) continue;
    const deadlines = { firstResponseDueAt: ticket.firstResponseDueAt, resolutionDueAt: ticket.resolutionDueAt, nextReplyDueAt: row.nextReplyDueAt };
    const breaches: SlaBreaches = {
      firstResponseBreachedAt: row.firstResponseBreachedAt,
      nextReplyBreachedAt: row.nextReplyBreachedAt,
      resolutionBreachedAt: row.resolutionBreachedAt,
    };
    for (const d of runningDeadlines(deadlines, row, ticket, breaches)) {
      if (d.breached) continue;
      const type = d.dueAt <= at ? "breach" : d.dueAt.getTime() - warningLeadMs <= at.getTime() ? "warning" : null;
      if (!type) continue;
      due.push({ ticket, kind: d.kind, type, clockStartedAt: d.clockStartedAt, dueAt: d.dueAt });
      // Marked whether or not the event is new: a mark lost in a restart is put back, nothing is sent twice.
      if (type === "breach") breaches[BREACH_COLUMN[d.kind]] = at;
    }
    const running = runningDeadlines(deadlines, row, ticket, breaches);
    results.push({ ticketId: id, ...breaches, nextDueAt: nextDueAt(running), nextCheckAt: nextCheckAt(running, warningLeadMs, at, true) } satisfies Pick<
      TicketSla,
      keyof SlaBreaches | "nextDueAt" | "nextCheckAt"
    > & { ticketId: string });
  }

  // The unique key decides what is new: a second worker, or this one after a restart, inserts nothing.
  const isNew = await s.sla.recordEvents(due);
  const fresh = due.filter((_, i) => isNew[i]);
  await notifySlaEvents(
    s,
    fresh.map((e) => ({ ticket: e.ticket, kind: e.kind, type: e.type, dueAt: e.dueAt, at })),
  );
  // On the ticket's timeline for staff (issue 11): "First response target breached".
  await s.activity.recordMany(
    fresh.map((e) => ({ ticket: e.ticket, entries: [{ field: "sla", from: e.kind, to: e.type, staffOnly: true }] })),
    at,
  );
  await s.sla.saveScanResults(results);
  const breached = fresh.filter((e) => e.type === "breach");
  await s.audit.recordMany(
    breached.map((e) => ({ action: "sla.breached", targetType: "ticket", targetId: e.ticket.id, data: { kind: e.kind, dueAt: e.dueAt.toISOString() } })),
  );
  return { warnings: fresh.length - breached.length, breaches: breached.length };
}
