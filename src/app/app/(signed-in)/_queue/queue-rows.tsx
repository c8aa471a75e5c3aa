"use client";

// The queue's rows (issue 15). A server component's rows travel to the browser twice: as HTML and as
// their whole element tree in the RSC payload (~1.8 KB a row). Rendered here from compact, already worded
// data (queue-row-data.ts), the payload carries only that data (~0.5 KB a row) and the HTML is the same.
// Nothing is decided here: visibility, names, times and SLA state all come worded from the server.
import Link from "next/link";
import { TagList } from "@/components/tags/tag-list";
import { SlaStateText } from "@/components/tickets/sla-state-text";
import { PriorityBadge, StatusBadge } from "@/components/tickets/ticket-badges";
import { TimeText } from "@/components/time/time-text";
import { RowCheckbox } from "./bulk-selection";
import type { QueueRowData, TableColumns } from "./queue-row-data";

function Person({ name, none }: { name: string | null | undefined; none: string }) {
  return name ? name : <span className="muted">{none}</span>;
}

export function QueueRows({ rows, columns }: { rows: QueueRowData[]; columns: TableColumns }) {
  return (
    <tbody>
      {rows.map((t) => (
        <tr key={t.id} className={t.sla?.state === "breached" ? "is-overdue" : undefined} data-queue-row>
          {columns.select && (
            <td className="select-cell">
              <RowCheckbox id={t.id} label={`Select #${t.number}`} />
            </td>
          )}
          <td className="ticket-number">#{t.number}</td>
          <td className="ticket-title">
            {/* No prefetch: 25 rows would mean 25 ticket renders (and DB reads) per queue view. */}
            <Link href={t.href} prefetch={false} data-ticket-link>
              {t.title}
            </Link>
            <span className="ticket-sub">
              Opened <TimeText words={t.opened} />
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
              <Person name={t.requester} none="Unknown user" />
            </td>
          )}
          {columns.triage && (
            <td data-label="Assignee" className="person">
              <Person name={t.assignee} none={t.assigneeId ? "Unknown user" : "Unassigned"} />
            </td>
          )}
          {columns.team && <td data-label="Team">{t.team ?? <span className="muted">—</span>}</td>}
          <td data-label="Updated" className="nowrap">
            <TimeText words={t.updated} />
          </td>
          {columns.triage && t.sla && (
            <td data-label="SLA">
              {/* Earliest running deadline (first response, next reply or resolution), paused or breached. */}
              <SlaStateText words={t.sla} />
            </td>
          )}
        </tr>
      ))}
    </tbody>
  );
}
