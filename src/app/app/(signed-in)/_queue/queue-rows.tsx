"use client";

// The queue's rows (issue 15). A server component's rows travel to the browser twice: as HTML and as
// their whole element tree in the RSC payload (~1.8 KB a row). Rendered here from compact, already worded
// data (queue-row-data.ts), the payload carries only that data (~0.5 KB a row) and the HTML is the same.
// Nothing is decided here: visibility, names, times and SLA state all come worded from the server. The
// words around them (column names, "Opened …") come from the message sets in the page's locale (issue 13),
// looked up once per render, not per row.
import { richText } from "@/components/messages/rich-text";
import Link from "next/link";
import { COMMON_MESSAGES } from "@/components/messages/common";
import { QUEUE_MESSAGES } from "@/components/messages/queue";
import { useMessages } from "@/components/messages/use-messages";
import { TagList } from "@/components/tags/tag-list";
import { SlaStateText } from "@/components/tickets/sla-state-text";
import { TimeText } from "@/components/time/time-text";
import { RowCheckbox } from "./bulk-selection";
import type { QueueRowData, TableColumns } from "./queue-row-data";

function Person({ name, none }: { name: string | null | undefined; none: string }) {
  return name ? name : <span className="muted">{none}</span>;
}

export function QueueRows({ rows, columns }: { rows: QueueRowData[]; columns: TableColumns }) {
  const t = useMessages(QUEUE_MESSAGES);
  const tc = useMessages(COMMON_MESSAGES);
  const label = {
    status: tc("field.status"),
    priority: tc("field.priority"),
    requester: tc("field.requester"),
    assignee: tc("field.assignee"),
    team: tc("field.team"),
    updated: t("queue.col.updated"),
    sla: t("queue.col.sla"),
  };
  // Left with its placeholder: each row puts its own <time> there.
  const opened = t("queue.row.opened");
  const unknownUser = t("queue.row.unknownUser");
  const unassigned = tc("value.unassigned");
  return (
    <tbody>
      {rows.map((row) => (
        <tr key={row.id} className={row.sla?.state === "breached" ? "is-overdue" : undefined} data-queue-row>
          {columns.select && (
            <td className="select-cell">
              <RowCheckbox id={row.id} label={t("queue.row.select", { number: row.number })} />
            </td>
          )}
          <td className="ticket-number">#{row.number}</td>
          <td className="ticket-title">
            {/* No prefetch: 25 rows would mean 25 ticket renders (and DB reads) per queue view. */}
            <Link href={row.href} prefetch={false} data-ticket-link>
              {row.title}
            </Link>
            <span className="ticket-sub">{richText(opened, { time: <TimeText words={row.opened} /> })}</span>
            {row.tags && <TagList tags={row.tags} label={t("queue.row.tags", { number: row.number })} />}
          </td>
          {/* Badges name themselves; on a phone they go without the column's name in front (queue.css). */}
          <td data-label={label.status} className="badge-cell">
            <span className={`badge badge-status-${row.status}`}>{tc(`status.${row.status}`)}</span>
          </td>
          {columns.triage && row.priority && (
            <td data-label={label.priority} className="badge-cell">
              <span className={`badge badge-priority-${row.priority}`}>{tc(`priority.${row.priority}`)}</span>
            </td>
          )}
          {columns.requester && (
            <td data-label={label.requester} className="person">
              <Person name={row.requester} none={unknownUser} />
            </td>
          )}
          {columns.triage && (
            <td data-label={label.assignee} className="person">
              <Person name={row.assignee} none={row.assigneeId ? unknownUser : unassigned} />
            </td>
          )}
          {columns.team && <td data-label={label.team}>{row.team ?? <span className="muted">—</span>}</td>}
          <td data-label={label.updated} className="nowrap">
            <TimeText words={row.updated} />
          </td>
          {columns.triage && row.sla && (
            <td data-label={label.sla}>
              {/* Earliest running deadline (first response, next reply or resolution), paused or breached. */}
              <SlaStateText words={row.sla} />
            </td>
          )}
        </tr>
      ))}
    </tbody>
  );
}
