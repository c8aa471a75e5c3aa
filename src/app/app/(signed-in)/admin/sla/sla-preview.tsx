"use client";

import { useEffect, useRef, useState } from "react";
import { sendJson } from "@/components/api/send-json";
import { COMMON_MESSAGES } from "@/components/messages/common";
import { SLA_SETTINGS_MESSAGES, type SlaSettingsMessageId, type SlaSettingsTranslator } from "@/components/messages/sla-settings";
import { useMessages } from "@/components/messages/use-messages";
import type { SlaPreview } from "@/domain/sla/preview-sla";
import type { TSlaConfiguration } from "@/domain/sla/sla-policies.schemas";
import { jsonSafe, PRIORITY_ORDER, wallClock } from "./sla-draft";

const DELAY_MS = 300;

const SECTION_NAMES: Record<string, SlaSettingsMessageId> = {
  timeZone: "section.timeZone",
  weeklyHours: "section.weeklyHours",
  holidays: "section.holidays",
  warningLeadMinutes: "section.warningLeadMinutes",
  policies: "section.policies",
};

/** "Business hours need at least one open interval": the section's name in front of a lowercase message. */
function problemWords(path: string, message: string, t: SlaSettingsTranslator): string {
  const key = path.split(".")[0] ?? "";
  const section = t(Object.hasOwn(SECTION_NAMES, key) ? SECTION_NAMES[key]! : "section.other");
  return /^[a-z]/.test(message) ? t("preview.problem", { section, message }) : message;
}

/**
 * "A ticket created now, urgent, is due at …" for the configuration as it stands in the form. The due
 * times come from the server's SLA engine (POST /api/admin/sla-policies/preview), never from a copy of it
 * in the browser; the first one is rendered with the page.
 */
export function SlaPreviewPanel({ body, initial }: { body: TSlaConfiguration; initial: SlaPreview }) {
  const t = useMessages(SLA_SETTINGS_MESSAGES);
  const common = useMessages(COMMON_MESSAGES);
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
        setProblem(path && message ? problemWords(path, message, t) : res.error.message);
      }
    }, DELAY_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [key, t]);

  const urgent = preview.items.find((i) => i.priority === "urgent");
  const at = (iso: string | null) => (iso ? wallClock(iso, preview.timeZone) : t("preview.never"));
  const opened = wallClock(preview.openedAt, preview.timeZone);

  return (
    <section className="card card-body admin-card sla-preview" aria-labelledby="sla-preview-title">
      <h2 id="sla-preview-title">{t("preview.title")}</h2>
      <p id="sla-preview-line" aria-live="polite" data-testid="sla-preview">
        {problem
          ? t("preview.invalid", { problem })
          : urgent
            ? t("preview.urgent", {
                opened,
                firstResponse: at(urgent.firstResponseDueAt),
                resolution: at(urgent.resolutionDueAt),
                timeZone: preview.timeZone,
              })
            : t("preview.noUrgent", { timeZone: preview.timeZone })}
      </p>
      {!problem && preview.items.length > 0 && (
        <div className="admin-table-wrap">
          <table className="admin-table">
            <caption className="sr-only">{t("preview.caption", { timeZone: preview.timeZone })}</caption>
            <thead>
              <tr>
                <th scope="col">{common("field.priority")}</th>
                <th scope="col">{t("preview.firstResponseDue")}</th>
                <th scope="col">{t("preview.resolutionDue")}</th>
              </tr>
            </thead>
            <tbody>
              {PRIORITY_ORDER.flatMap((p) => preview.items.filter((i) => i.priority === p).map((i) => ({ ...i, priority: p }))).map((i) => (
                <tr key={i.priority}>
                  <th scope="row">{common(`priority.${i.priority}`)}</th>
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
