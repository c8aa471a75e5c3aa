import type { SlaTranslator } from "@/components/messages/sla";
import { type TimePrefs, timeWords } from "@/components/time/format-time";
import { pageTimePrefs } from "@/components/time/page-time-prefs";
import { TimeStamp } from "@/components/time/time-stamp";
import type { TSlaView } from "@/domain/sla/sla-view";
import { now as clockNow } from "@/lib/clock";
import { SlaStateText, type SlaWords } from "./sla-state-text";
import "@/styles/sla.css";

/** What SlaStateText shows for a ticket's SLA view, worded on the server at `now`. */
export function slaWords(sla: TSlaView, now: Date, prefs?: TimePrefs): SlaWords {
  const due = sla.state === "breached" || sla.state === "at_risk" || sla.state === "on_track" ? sla.nextDueAt : null;
  return {
    state: sla.state,
    due: due ? timeWords(due, now, prefs) : null,
    pausedSince: sla.state === "paused" && sla.pausedSince ? timeWords(sla.pausedSince, now, prefs) : null,
    breached: sla.breached,
  };
}

/** Where a ticket stands against its SLA (S9), in words and not by colour alone. */
export async function SlaState({ sla, detailed = false }: { sla: TSlaView; detailed?: boolean }) {
  return <SlaStateText words={slaWords(sla, clockNow(), await pageTimePrefs())} detailed={detailed} />;
}

/**
 * One target's due time with the state the SLA engine decided (sla-view.ts), in words. `t`: the page's
 * SLA texts (messages/sla.ts), built once by the caller for all its targets.
 */
export function SlaTarget({ target, t }: { target: TSlaView["targets"]["firstResponse"]; t: SlaTranslator }) {
  if (!target.dueAt) return <span className="muted">{t("sla.state.none")}</span>;
  return (
    <span className={`sla-state sla-state-${target.state}`}>
      <span className="sla-state-flag">{t(`sla.state.${target.state}`)}</span>
      {" · "}
      <TimeStamp value={target.dueAt} mode="both" />
    </span>
  );
}
