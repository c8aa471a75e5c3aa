// What one queue row shows, worded on the server (issue 15): the client rows (queue-rows.tsx) get exactly
// this and nothing else — no user ids they could look up, no raw SLA data, no times to re-word.
import { slaWords } from "@/components/tickets/sla-state";
import type { SlaWords } from "@/components/tickets/sla-state-text";
import { type TimePrefs, timeWords } from "@/components/time/format-time";
import type { TimeWords } from "@/components/time/time-text";
import type { TTicketPriority, TTicketStatus } from "@/db/schema/enums";
import type { TTicketDto } from "@/domain/tickets/ticket-dto";
import { ticketHref } from "./queue-params";

export interface TableColumns {
  /** Staff see whose ticket it is; a requester's queue holds only their own. */
  requester: boolean;
  /** Team names come from the directory, which only staff may read. */
  team: boolean;
  /** Checkboxes for bulk actions (staff; needs a BulkSelectionProvider around the table). */
  select: boolean;
  /** Priority, assignee and SLA: staff data a requester's tickets do not carry (F6). */
  triage: boolean;
}

export interface QueueRowData {
  id: string;
  href: string;
  number: number;
  title: string;
  status: TTicketStatus;
  /** Staff data (F6): absent from a requester's rows. */
  priority?: TTicketPriority;
  requester?: string | null;
  /** Whether someone is assigned (an assignee whose name is unknown reads differently from none). */
  assigneeId?: boolean;
  assignee?: string | null;
  team?: string | null;
  opened: TimeWords;
  updated: TimeWords;
  sla?: SlaWords;
  tags?: string[];
}

type QueueTicket = TTicketDto;

export function queueRowData(
  t: QueueTicket,
  ctx: { names: Map<string, string>; teamNames: Map<string, string>; columns: TableColumns; fromQuery: string; now: Date; prefs?: TimePrefs },
): QueueRowData {
  const row: QueueRowData = {
    id: t.id,
    href: ticketHref(t.id, ctx.fromQuery),
    number: t.number,
    title: t.title,
    status: t.status,
    opened: timeWords(t.createdAt, ctx.now, ctx.prefs),
    updated: timeWords(t.updatedAt, ctx.now, ctx.prefs),
  };
  if (ctx.columns.triage) {
    if (t.priority) row.priority = t.priority;
    row.assigneeId = !!t.assigneeId;
    row.assignee = t.assigneeId ? (ctx.names.get(t.assigneeId) ?? null) : null;
    if (t.sla) row.sla = slaWords(t.sla, ctx.now, ctx.prefs);
  }
  if (ctx.columns.requester) row.requester = ctx.names.get(t.requesterId) ?? null;
  if (ctx.columns.team) row.team = t.teamId ? (ctx.teamNames.get(t.teamId) ?? "—") : null;
  if (t.tags) row.tags = t.tags;
  return row;
}
