"use client";

import { useRouter } from "next/navigation";
import { sendJson } from "@/components/api/send-json";
import { FormAlert } from "@/components/forms/field";
import { useFormSubmit } from "@/components/forms/use-form-submit";
import type { TTicketStatus } from "@/db/schema/enums";

/** A requester's only lifecycle control: close their ticket, or reopen it while resolved (closed is final). */
export function RequesterActions({ ticketId, status }: { ticketId: string; status: TTicketStatus }) {
  const router = useRouter();
  const { pending, error, run } = useFormSubmit();
  if (status === "closed") return null;

  const move = (next: TTicketStatus) =>
    run(
      () => sendJson("PATCH", `/api/tickets/${ticketId}`, { status: next }),
      () => router.refresh(),
    );

  return (
    <div className="requester-actions">
      <FormAlert message={error?.message} />
      {status === "resolved" ? (
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
