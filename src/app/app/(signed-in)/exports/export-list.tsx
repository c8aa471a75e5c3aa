"use client";

import { useState } from "react";
import { ClientTime, useTimePrefs } from "@/components/time/client-time";
import { formatCalendarDay } from "@/components/time/format-time";
import type { toExportDto } from "@/domain/exports/export-dto";

type ExportItem = ReturnType<typeof toExportDto>;

/** Asks the API for a fresh signed link at click time, then follows it (the file downloads). */
function DownloadButton({ id }: { id: string }) {
  const [error, setError] = useState<string | null>(null);
  async function download() {
    setError(null);
    const res = await fetch(`/api/exports/${id}`, { headers: { accept: "application/json" } });
    const body = (await res.json().catch(() => null)) as { download?: { url: string } | null } | null;
    if (!res.ok || !body?.download) return setError("This export cannot be downloaded.");
    window.location.assign(body.download.url);
  }
  return (
    <>
      <button type="button" className="btn" onClick={download}>
        Download
      </button>
      {error && <span role="alert"> {error}</span>}
    </>
  );
}

export function ExportList({ items }: { items: ExportItem[] }) {
  const prefs = useTimePrefs();
  if (items.length === 0) return <p className="muted">No exports yet.</p>;
  return (
    <table className="table" aria-label="Exports">
      <thead>
        <tr>
          <th scope="col">Requested</th>
          <th scope="col">Range</th>
          <th scope="col">Format</th>
          <th scope="col">Status</th>
          <th scope="col">Tickets</th>
          <th scope="col">
            <span className="sr-only">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {items.map((e) => (
          <tr key={e.id}>
            <td>
              <ClientTime value={e.createdAt} mode="absolute" />
            </td>
            <td>
              {formatCalendarDay(e.from.slice(0, 10), prefs)} – {formatCalendarDay(e.to.slice(0, 10), prefs)}
              {e.includeInternal ? " (with internal notes)" : ""}
            </td>
            <td>{e.format.toUpperCase()}</td>
            <td>
              {e.status}
              {e.error ? `: ${e.error}` : ""}
            </td>
            <td>{e.ticketCount ?? "—"}</td>
            <td>{e.status === "done" && <DownloadButton id={e.id} />}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
