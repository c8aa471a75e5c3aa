import type { TTicketDto } from "@/domain/tickets/ticket-dto";
import { COMMON_MESSAGES } from "@/components/messages/common";
import { translator } from "@/components/messages/define";
import { QUEUE_MESSAGES } from "@/components/messages/queue";
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
  const prefs = await pageTimePrefs();
  const ctx = { names, teamNames, columns, fromQuery, now: now(), prefs };
  const t = translator(QUEUE_MESSAGES, prefs.locale);
  const tc = translator(COMMON_MESSAGES, prefs.locale);
  return (
    <table className="queue-table">
      <caption className="sr-only">{t("queue.table.caption", { order })}</caption>
      <thead>
        <tr>
          {columns.select && (
            <th scope="col" className="select-cell">
              <SelectAllCheckbox />
            </th>
          )}
          <th scope="col">{t("queue.col.number")}</th>
          <th scope="col">{t("queue.col.title")}</th>
          <th scope="col">{tc("field.status")}</th>
          {columns.triage && <th scope="col">{tc("field.priority")}</th>}
          {columns.requester && <th scope="col">{tc("field.requester")}</th>}
          {columns.triage && <th scope="col">{tc("field.assignee")}</th>}
          {columns.team && <th scope="col">{tc("field.team")}</th>}
          <th scope="col">{t("queue.col.updated")}</th>
          {columns.triage && <th scope="col">{t("queue.col.sla")}</th>}
        </tr>
      </thead>
      <QueueRows rows={tickets.map((t) => queueRowData(t, ctx))} columns={columns} />
    </table>
  );
}
