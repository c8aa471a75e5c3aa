"use client";

import { useState } from "react";
import { ACTIVITY_MESSAGES } from "@/components/messages/activity";
import { COMMON_MESSAGES } from "@/components/messages/common";
import { TICKET_ACTION_MESSAGES, type TicketActionTranslator } from "@/components/messages/ticket-actions";
import { useMessages } from "@/components/messages/use-messages";
import { type ActivityWords, describeActivity, personName, sentence } from "@/components/tickets/activity-text";
import { ClientTime } from "@/components/time/client-time";
import { useTicketSession, type WriteOrigin } from "./ticket-session";

/** "Sam", "Sam and Alex", "Sam, Alex and Kim": who made the changes the page missed. */
function whoChanged(names: string[], t: TicketActionTranslator): string {
  if (names.length === 0) return t("stale.someone");
  if (names.length === 1) return names[0]!;
  return t("stale.namesAnd", { names: names.slice(0, -1).join(t("stale.namesSeparator")), last: names[names.length - 1]! });
}

/**
 * The stale-page warning (issue 11), shown where the refused write was made: who changed the ticket since
 * it was opened and what, then "Reload" (see it as it is now) or "Send anyway" (resend with the version
 * the warning showed). Nothing is resent without one of the two.
 */
export function StaleNotice({ origin }: { origin: WriteOrigin }) {
  const t = useMessages(TICKET_ACTION_MESSAGES);
  const activity = useMessages(ACTIVITY_MESSAGES);
  const common = useMessages(COMMON_MESSAGES);
  const words: ActivityWords = { t: activity, common };
  const { stale, directory, reload } = useTicketSession();
  const [resending, setResending] = useState(false);
  if (!stale || stale.origin !== origin) return null;

  const people = [...new Set(stale.changes.map((c) => personName(directory, c.actorId, words.t) ?? t("stale.theSystem")))];
  const resend = async () => {
    setResending(true);
    try {
      await stale.resend();
    } finally {
      setResending(false);
    }
  };
  return (
    <div className="alert alert-warning stale-notice" role="alert">
      <p>
        <strong>{t("stale.changedSince", { who: whoChanged(people, t) })}</strong> {t(`stale.notSent.${origin}`)}
      </p>
      {stale.changes.length > 0 && (
        <ul className="stale-changes">
          {stale.changes.map((c) => (
            <li key={c.id}>
              {sentence(describeActivity(c, directory, words), words.t)} · <ClientTime value={c.createdAt} mode="absolute" />
            </li>
          ))}
        </ul>
      )}
      <div className="form-actions">
        <button type="button" className="btn" onClick={reload} disabled={resending}>
          {t("stale.reload")}
        </button>
        <button type="button" className="btn btn-primary" onClick={() => void resend()} disabled={resending} aria-busy={resending}>
          {t("stale.sendAnyway")}
        </button>
      </div>
    </div>
  );
}
