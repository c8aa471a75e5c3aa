"use client";

import { useState } from "react";
import { FormAlert } from "@/components/forms/field";
import { TICKET_ACTION_MESSAGES } from "@/components/messages/ticket-actions";
import { useMessages } from "@/components/messages/use-messages";
import type { TTicketStatus } from "@/db/schema/enums";
import { StaleNotice } from "./stale-notice";
import { useTicketSession } from "./ticket-session";

/**
 * A requester's only lifecycle control: close their ticket, or reopen it while resolved (closed is final).
 * It writes through the page's writer like every change (If-Match, stale warning: issue 11).
 */
export function RequesterActions({ status }: { status: TTicketStatus }) {
  const t = useMessages(TICKET_ACTION_MESSAGES);
  const { patchFields } = useTicketSession();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (status === "closed") return null;

  const move = async (next: TTicketStatus) => {
    setPending(true);
    setError(null);
    const outcome = await patchFields({ status: next });
    setPending(false);
    if (!outcome.ok && !outcome.stale) setError(outcome.error.message);
  };

  return (
    <div className="requester-actions">
      <StaleNotice origin="fields" />
      <FormAlert message={error} />
      {status === "resolved" ? (
        <button type="button" className="btn btn-block" onClick={() => void move("open")} disabled={pending} aria-busy={pending}>
          {t("requester.reopen")}
        </button>
      ) : (
        <button type="button" className="btn btn-block" onClick={() => void move("closed")} disabled={pending} aria-busy={pending}>
          {t("requester.close")}
        </button>
      )}
    </div>
  );
}
