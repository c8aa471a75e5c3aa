"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { sendJson } from "@/components/api/send-json";

function isoDay(d: Date) {
  return d.toISOString().slice(0, 10);
}

export function ExportForm({ canIncludeInternal }: { canIncludeInternal: boolean }) {
  const router = useRouter();
  const today = new Date();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);

  async function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setPending(true);
    setError(null);
    const to = new Date(String(form.get("to")));
    to.setUTCDate(to.getUTCDate() + 1); // the "to" day is included
    const result = await sendJson("POST", "/api/exports", {
      format: form.get("format"),
      from: form.get("from"),
      to: isoDay(to),
      includeInternal: form.get("includeInternal") === "on",
    });
    setPending(false);
    if (!result.ok) return setError(result.error.message);
    setNotice("Export queued. It appears below when ready; refresh in a minute.");
    router.refresh();
  }

  return (
    <form onSubmit={submit} noValidate>
      {error && <p className="alert alert-error" role="alert">{error}</p>}
      {notice && <p className="alert" role="status">{notice}</p>}
      <div className="field">
        <label htmlFor="export-format">Format</label>
        <select id="export-format" name="format" className="select" defaultValue="csv">
          <option value="csv">CSV</option>
          <option value="json">JSON</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor="export-from">From</label>
        <input id="export-from" name="from" type="date" className="input" required defaultValue={isoDay(new Date(today.getTime() - 30 * 86_400_000))} />
      </div>
      <div className="field">
        <label htmlFor="export-to">To</label>
        <input id="export-to" name="to" type="date" className="input" required defaultValue={isoDay(today)} />
      </div>
      {canIncludeInternal && (
        <div className="field">
          <label>
            <input type="checkbox" name="includeInternal" /> Include internal notes
          </label>
        </div>
      )}
      <div className="form-actions form-actions-end">
        <button type="submit" className="btn btn-primary" disabled={pending} aria-busy={pending}>
          Start export
        </button>
      </div>
    </form>
  );
}
