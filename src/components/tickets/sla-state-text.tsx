// Where a ticket stands against its SLA (S9), in words and not by colour alone, from what the server
// already decided and worded (sla-view.ts, time-text.tsx): no clock and no rules here, so the queue's
// client rows (issue 15) and the server's SlaState render exactly the same thing.
import type { TSlaKind } from "@/db/schema";
import type { TSlaView } from "@/domain/sla/sla-view";
import { TimeText, type TimeWords } from "@/components/time/time-text";
import "@/styles/sla.css";

const KIND_LABELS = { first_response: "first response", next_reply: "next reply", resolution: "resolution" } as const;

export const SLA_STATE_TEXT: Record<TSlaView["state"], string> = {
  none: "No SLA",
  paused: "Paused",
  breached: "Breached",
  at_risk: "At risk",
  on_track: "On track",
  met: "Done",
};

export interface SlaWords {
  state: TSlaView["state"];
  /** The running deadline when it is worth showing (breached, at risk, on track). */
  due: TimeWords | null;
  pausedSince: TimeWords | null;
  breached: readonly TSlaKind[];
}

export function SlaStateText({ words, detailed = false }: { words: SlaWords; detailed?: boolean }) {
  return (
    <span className={`sla-state sla-state-${words.state}`}>
      <span className="sla-state-flag">{SLA_STATE_TEXT[words.state]}</span>
      {words.due && (
        <>
          {" · "}
          <TimeText words={words.due} mode={detailed ? "both" : "relative"} />
        </>
      )}
      {words.pausedSince && (
        <>
          {" since "}
          <TimeText words={words.pausedSince} />
        </>
      )}
      {detailed && words.breached.length > 0 && <span className="sla-state-breached"> (missed: {words.breached.map((k) => KIND_LABELS[k]).join(", ")})</span>}
    </span>
  );
}
