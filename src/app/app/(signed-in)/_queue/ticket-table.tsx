import type { TTicketDto } from "@/domain/tickets/ticket-dto";
import { pageTimePrefs } from "@/components/time/page-time-prefs";
import { now } from "@/lib/clock";
import { SelectAllCheckbox } from "./bulk-selection";
import { queueRowData, type TableColumns } from "./queue-row-data";
import { QueueRows } from "./queue-rows";

export type { TableColumns };

export async function TicketTable({
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
  const ctx = { names, teamNames, columns, fromQuery, now: now(), prefs: await pageTimePrefs() };
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
      <QueueRows rows={tickets.map((t) => queueRowData(t, ctx))} columns={columns} />
    </table>
  );
}
