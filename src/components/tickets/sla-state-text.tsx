"use client";

// Where a ticket stands against its SLA (S9), in words and not by colour alone, from what the server
// already decided and worded (sla-view.ts, time-text.tsx): no clock and no rules here, so the queue's
// client rows (issue 15) and the server's SlaState render exactly the same thing. A client component so
// both can word it in the reader's language (issue 13: messages/sla.ts) without passing a translator.
import { richText } from "@/components/messages/rich-text";
import { SLA_MESSAGES } from "@/components/messages/sla";
import { useMessages } from "@/components/messages/use-messages";
import type { TSlaKind } from "@/db/schema";
import type { TSlaView } from "@/domain/sla/sla-view";
import { TimeText, type TimeWords } from "@/components/time/time-text";
import "@/styles/sla.css";

export interface SlaWords {
  state: TSlaView["state"];
  /** The running deadline when it is worth showing (breached, at risk, on track). */
  due: TimeWords | null;
  pausedSince: TimeWords | null;
  breached: readonly TSlaKind[];
}

export function SlaStateText({ words, detailed = false }: { words: SlaWords; detailed?: boolean }) {
  const t = useMessages(SLA_MESSAGES);
  return (
    <span className={`sla-state sla-state-${words.state}`}>
      <span className="sla-state-flag">{t(`sla.state.${words.state}`)}</span>
      {words.due && (
        <>
          {" · "}
          <TimeText words={words.due} mode={detailed ? "both" : "relative"} />
        </>
      )}
      {words.pausedSince && richText(t("sla.pausedSince"), { time: <TimeText words={words.pausedSince} /> })}
      {detailed && words.breached.length > 0 && (
        <span className="sla-state-breached">{t("sla.missed", { targets: words.breached.map((k) => t(`sla.target.${k}`)).join(t("sla.listSeparator")) })}</span>
      )}
    </span>
  );
}
