import Link from "next/link";
import { TagList } from "@/components/tags/tag-list";
import { SlaState } from "@/components/tickets/sla-state";
import { PriorityBadge, StatusBadge } from "@/components/tickets/ticket-badges";
import { TimeStamp } from "@/components/time/time-stamp";
import type { TTicketDto } from "@/domain/tickets/ticket-dto";
import { RowCheckbox, SelectAllCheckbox } from "./bulk-selection";
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

export function TicketTable({
  tickets,
  names,
  teamNames,
  columns,
  fromQuery,
  order,
}: {
  tickets: TTicketDto[];
  names: Map<string, string>;
  teamNames: Map<string, string>;
  columns: TableColumns;
  /** How the rows are ordered, as the caption says it. */
  order: string;
  /** This view's query string: ticket links carry it for next/previous and the way back (issue 11). */
  fromQuery: string;
}) {
  return (
    <table className="queue-table">
      <caption className="sr-only">Tickets, {order}</caption>
      <thead>
        <tr>
          {columns.select && (
            <th scope="col" className="select-cell">
              <SelectAllCheckbox />
            </th>
          )}
          <th scope="col">#</th>
          <th scope="col">Title</th>
          <th scope="col">Status</th>
          {columns.triage && <th scope="col">Priority</th>}
          {columns.requester && <th scope="col">Requester</th>}
          {columns.triage && <th scope="col">Assignee</th>}
          {columns.team && <th scope="col">Team</th>}
          <th scope="col">Updated</th>
          {columns.triage && <th scope="col">SLA</th>}
        </tr>
      </thead>
      <tbody>
        {tickets.map((t) => {
          const overdue = t.sla?.state === "breached";
          return (
            <tr key={t.id} className={overdue ? "is-overdue" : undefined} data-queue-row>
              {columns.select && (
                <td className="select-cell">
                  <RowCheckbox id={t.id} label={`Select #${t.number}`} />
                </td>
              )}
              <td className="ticket-number">#{t.number}</td>
              <td className="ticket-title">
                {/* No prefetch: 25 rows would mean 25 ticket renders (and DB reads) per queue view. */}
                <Link href={ticketHref(t.id, fromQuery)} prefetch={false} data-ticket-link>
                  {t.title}
                </Link>
                <span className="ticket-sub">
                  Opened <TimeStamp value={t.createdAt} />
                </span>
                {t.tags && <TagList tags={t.tags} label={`Tags of #${t.number}`} />}
              </td>
              <td data-label="Status">
                <StatusBadge status={t.status} />
              </td>
              {columns.triage && t.priority && (
                <td data-label="Priority">
                  <PriorityBadge priority={t.priority} />
                </td>
              )}
              {columns.requester && (
                <td data-label="Requester" className="person">
                  {names.get(t.requesterId) ?? <span className="muted">Unknown user</span>}
                </td>
              )}
              {columns.triage && (
                <td data-label="Assignee" className="person">
                  {t.assigneeId ? (names.get(t.assigneeId) ?? <span className="muted">Unknown user</span>) : <span className="muted">Unassigned</span>}
                </td>
              )}
              {columns.team && <td data-label="Team">{t.teamId ? (teamNames.get(t.teamId) ?? "—") : <span className="muted">—</span>}</td>}
              <td data-label="Updated" className="nowrap">
                <TimeStamp value={t.updatedAt} />
              </td>
              {columns.triage && t.sla && (
                <td data-label="SLA">
                  {/* Earliest running deadline (first response, next reply or resolution), paused or breached. */}
                  <SlaState sla={t.sla} />
                </td>
              )}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
