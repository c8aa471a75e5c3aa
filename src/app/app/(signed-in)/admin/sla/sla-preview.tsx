"use client";

import { useEffect, useRef, useState } from "react";
import { sendJson } from "@/components/api/send-json";
import type { SlaPreview } from "@/domain/sla/preview-sla";
import type { TSlaConfiguration } from "@/domain/sla/sla-policies.schemas";
import { jsonSafe, PRIORITY_NAMES, PRIORITY_ORDER, wallClock } from "./sla-draft";

const DELAY_MS = 300;

const SECTION_NAMES: Record<string, string> = {
  timeZone: "Time zone",
  weeklyHours: "Business hours",
  holidays: "Holidays",
  warningLeadMinutes: "Warning lead",
  policies: "Targets",
};

/** "Business hours need at least one open interval": the section's name in front of a lowercase message. */
function problemWords(path: string, message: string): string {
  const section = SECTION_NAMES[path.split(".")[0] ?? ""] ?? "A setting";
  return /^[a-z]/.test(message) ? `${section}: ${message}.` : message;
}

/**
 * "A ticket created now, urgent, is due at …" for the configuration as it stands in the form. The due
 * times come from the server's SLA engine (POST /api/admin/sla-policies/preview), never from a copy of it
 * in the browser; the first one is rendered with the page.
 */
export function SlaPreviewPanel({ body, initial }: { body: TSlaConfiguration; initial: SlaPreview }) {
  const [preview, setPreview] = useState<SlaPreview>(initial);
  const [problem, setProblem] = useState<string | null>(null);
  const key = JSON.stringify(jsonSafe(body));
  const first = useRef(true);

  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    let cancelled = false;
    const timer = setTimeout(async () => {
      const res = await sendJson<SlaPreview>("POST", "/api/admin/sla-policies/preview", JSON.parse(key));
      if (cancelled) return;
      if (res.ok) {
        setPreview(res.data);
        setProblem(null);
      } else {
        // A schema refusal names the field; the form shows it under that field once saved.
        const [path, message] = Object.entries(res.error.fieldErrors)[0] ?? [];
        setProblem(path && message ? problemWords(path, message) : res.error.message);
      }
    }, DELAY_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [key]);

  const urgent = preview.items.find((i) => i.priority === "urgent");
  const at = (iso: string | null) => (iso ? wallClock(iso, preview.timeZone) : "no time within three years");
  const opened = wallClock(preview.openedAt, preview.timeZone);

  return (
    <section className="card card-body admin-card sla-preview" aria-labelledby="sla-preview-title">
      <h2 id="sla-preview-title">Preview</h2>
      <p id="sla-preview-line" aria-live="polite" data-testid="sla-preview">
        {problem
          ? `The preview follows once the settings are valid. ${problem}`
          : urgent
            ? `A ticket created now (${opened}), urgent, is due for a first response at ${at(urgent.firstResponseDueAt)} and for resolution at ${at(urgent.resolutionDueAt)} (${preview.timeZone}).`
            : `Urgent tickets have no SLA targets (${preview.timeZone}).`}
      </p>
      {!problem && preview.items.length > 0 && (
        <div className="admin-table-wrap">
          <table className="admin-table">
            <caption className="sr-only">Due times of a ticket created now, per priority, in {preview.timeZone}</caption>
            <thead>
              <tr>
                <th scope="col">Priority</th>
                <th scope="col">First response due</th>
                <th scope="col">Resolution due</th>
              </tr>
            </thead>
            <tbody>
              {PRIORITY_ORDER.flatMap((p) => preview.items.filter((i) => i.priority === p)).map((i) => (
                <tr key={i.priority}>
                  <th scope="row">{PRIORITY_NAMES[i.priority as keyof typeof PRIORITY_NAMES]}</th>
                  <td className="admin-mono">{at(i.firstResponseDueAt)}</td>
                  <td className="admin-mono">{at(i.resolutionDueAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
