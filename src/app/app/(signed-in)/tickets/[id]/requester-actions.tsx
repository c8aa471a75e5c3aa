"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { sendJson } from "@/components/api/send-json";
import type { TTicketStatus } from "@/db/schema/enums";

/** A requester's only lifecycle control: close their ticket, or reopen it once it is finished. */
export function RequesterActions({ ticketId, status }: { ticketId: string; status: TTicketStatus }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const finished = status === "resolved" || status === "closed";

  async function move(next: TTicketStatus) {
    setPending(true);
    setError(null);
    const result = await sendJson("PATCH", `/api/tickets/${ticketId}`, { status: next });
    setPending(false);
    if (!result.ok) {
      setError(result.error.message);
      return;
    }
    router.refresh();
  }

  return (
    <div className="requester-actions">
      {error && (
        <p className="alert alert-error" role="alert">
          {error}
        </p>
      )}
      {finished ? (
        <button type="button" className="btn btn-block" onClick={() => move("open")} disabled={pending} aria-busy={pending}>
          Reopen ticket
        </button>
      ) : (
        <button type="button" className="btn btn-block" onClick={() => move("closed")} disabled={pending} aria-busy={pending}>
          Close ticket
        </button>
      )}
    </div>
  );
}
