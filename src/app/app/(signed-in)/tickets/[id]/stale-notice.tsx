"use client";

import { useState } from "react";
import { describeActivity, personName, sentence } from "@/components/tickets/activity-text";
import { ClientTime } from "@/components/time/client-time";
import { useTicketSession, type WriteOrigin } from "./ticket-session";

const NOT_SENT: Record<WriteOrigin, string> = {
  composer: "Your message has not been sent.",
  fields: "Your change has not been saved.",
};

/** "Sam", "Sam and Alex", "Sam, Alex and Kim": who made the changes the page missed. */
function whoChanged(names: string[]): string {
  if (names.length === 0) return "Someone";
  if (names.length === 1) return names[0]!;
  return `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
}

/**
 * The stale-page warning (issue 11), shown where the refused write was made: who changed the ticket since
 * it was opened and what, then "Reload" (see it as it is now) or "Send anyway" (resend with the version
 * the warning showed). Nothing is resent without one of the two.
 */
export function StaleNotice({ origin }: { origin: WriteOrigin }) {
  const { stale, directory, reload } = useTicketSession();
  const [resending, setResending] = useState(false);
  if (!stale || stale.origin !== origin) return null;

  const people = [...new Set(stale.changes.map((c) => personName(directory, c.actorId) ?? "The system"))];
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
        <strong>{whoChanged(people)} changed this ticket since you opened it.</strong> {NOT_SENT[origin]}
      </p>
      {stale.changes.length > 0 && (
        <ul className="stale-changes">
          {stale.changes.map((c) => (
            <li key={c.id}>
              {sentence(describeActivity(c, directory))} · <ClientTime value={c.createdAt} mode="absolute" />
            </li>
          ))}
        </ul>
      )}
      <div className="form-actions">
        <button type="button" className="btn" onClick={reload} disabled={resending}>
          Reload
        </button>
        <button type="button" className="btn btn-primary" onClick={() => void resend()} disabled={resending} aria-busy={resending}>
          Send anyway
        </button>
      </div>
    </div>
  );
}
