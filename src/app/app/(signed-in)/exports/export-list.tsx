"use client";

import { useState } from "react";
import { ClientTime, useTimePrefs } from "@/components/time/client-time";
import { formatCalendarDay } from "@/components/time/format-time";
import { COMMON_MESSAGES } from "@/components/messages/common";
import { EXPORTS_MESSAGES, type ExportsTranslator } from "@/components/messages/exports";
import { useMessages } from "@/components/messages/use-messages";
import type { toExportDto } from "@/domain/exports/export-dto";

type ExportItem = ReturnType<typeof toExportDto>;

/** Asks the API for a fresh signed link at click time, then follows it (the file downloads). */
function DownloadButton({ id, t }: { id: string; t: ExportsTranslator }) {
  const [error, setError] = useState<string | null>(null);
  async function download() {
    setError(null);
    const res = await fetch(`/api/exports/${id}`, { headers: { accept: "application/json" } });
    const body = (await res.json().catch(() => null)) as { download?: { url: string } | null } | null;
    if (!res.ok || !body?.download) return setError(t("exports.downloadFailed"));
    window.location.assign(body.download.url);
  }
  return (
    <>
      <button type="button" className="btn" onClick={download}>
        {t("exports.download")}
      </button>
      {error && <span role="alert"> {error}</span>}
    </>
  );
}

export function ExportList({ items }: { items: ExportItem[] }) {
  const prefs = useTimePrefs();
  const t = useMessages(EXPORTS_MESSAGES);
  const tc = useMessages(COMMON_MESSAGES);
  if (items.length === 0) return <p className="muted">{t("exports.list.none")}</p>;
  const number = new Intl.NumberFormat(prefs.locale);
  return (
    <table className="table" aria-label={t("exports.list.label")}>
      <thead>
        <tr>
          <th scope="col">{t("exports.list.requested")}</th>
          <th scope="col">{t("exports.list.range")}</th>
          <th scope="col">{t("exports.list.format")}</th>
          <th scope="col">{tc("field.status")}</th>
          <th scope="col">{t("exports.list.tickets")}</th>
          <th scope="col">
            <span className="sr-only">{t("exports.list.actions")}</span>
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
              {t(e.includeInternal ? "exports.list.rangeDaysInternal" : "exports.list.rangeDays", {
                from: formatCalendarDay(e.from.slice(0, 10), prefs),
                to: formatCalendarDay(e.to.slice(0, 10), prefs),
              })}
            </td>
            <td>{t(e.format === "json" ? "exports.form.json" : "exports.form.csv")}</td>
            <td>{e.error ? t("exports.list.withError", { status: t(`exports.status.${e.status}`), error: e.error }) : t(`exports.status.${e.status}`)}</td>
            <td>{e.ticketCount === null ? "—" : number.format(e.ticketCount)}</td>
            <td>{e.status === "done" && <DownloadButton id={e.id} t={t} />}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
