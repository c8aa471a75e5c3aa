// What the breach scan does with one due clock (S9): record the warning or breach of each running
// deadline whose moment has come, mark breaches on the clock, notify, and set the next check. Runs in
// the scan's transaction with the clock row already locked, inside the ticket's own organization.
import type { TicketSla, TSlaKind } from "@/db/schema";
import type { Scoped } from "@/db/scoped";
import { notifySlaEvent } from "@/domain/notifications/notify-sla";
import { loadSlaSetup } from "./sla-calendar";
import { nextCheckAt, nextDueAt, runningDeadlines, type SlaBreaches } from "./sla-deadlines";

const BREACH_COLUMN: Record<TSlaKind, keyof SlaBreaches> = {
  first_response: "firstResponseBreachedAt",
  next_reply: "nextReplyBreachedAt",
  resolution: "resolutionBreachedAt",
};

export type ScanOutcome = { warnings: number; breaches: number };

export async function recordDueSlaEvents(s: Scoped, ticketId: string, at: Date): Promise<ScanOutcome> {
  const outcome: ScanOutcome = { warnings: 0, breaches: 0 };
  // Read without a lock: the scan never waits for a ticket row (request transactions lock the ticket
  // first, then this clock row, which the scan already holds).
  const ticket = await s.tickets.find(ticketId);
  if (!ticket) return outcome;
  const row = await s.sla.clock(ticket);
  if (!row) return outcome;
  const { warningLeadMs } = await loadSlaSetup(s);

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
    // The unique key decides: a second worker, or this one after a restart, inserts nothing and stays quiet.
    const first = await s.sla.recordEvent(ticket, { kind: d.kind, type, clockStartedAt: d.clockStartedAt, dueAt: d.dueAt });
    if (type === "breach") breaches[BREACH_COLUMN[d.kind]] = at;
    if (!first) continue;
    await notifySlaEvent(s, ticket, { kind: d.kind, type, dueAt: d.dueAt, at });
    // On the ticket's timeline for staff (issue 11): "First response target breached".
    await s.activity.record(ticket, [{ field: "sla", from: d.kind, to: type, staffOnly: true }], at);
    if (type === "breach") {
      outcome.breaches++;
      await s.audit.record({ action: "sla.breached", targetType: "ticket", targetId: ticket.id, data: { kind: d.kind, dueAt: d.dueAt.toISOString() } });
    } else {
      outcome.warnings++;
    }
  }

  const running = runningDeadlines(deadlines, row, ticket, breaches);
  const next: Partial<TicketSla> = { ...breaches, nextDueAt: nextDueAt(running), nextCheckAt: nextCheckAt(running, warningLeadMs, at, true) };
  const { ticketId: _id, organizationId: _org, updatedAt: _at, ...clock } = row;
  await s.sla.saveClock(ticket, { ...clock, ...next });
  return outcome;
}
