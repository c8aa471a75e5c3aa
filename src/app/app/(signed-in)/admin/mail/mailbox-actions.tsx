"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { sendJson } from "@/components/api/send-json";
import { FormAlert } from "@/components/forms/field";
import { useFormSubmit } from "@/components/forms/use-form-submit";

type CheckResult = { ok: boolean; message: string | null; newMessages: number; ingested: number };

/** Check now (poll the mailbox this moment) and delete, for one row of the mailboxes table. */
export function MailboxActions({ id, address, canPoll }: { id: string; address: string; canPoll: boolean }) {
  const router = useRouter();
  const { pending, error, run } = useFormSubmit();
  const [done, setDone] = useState<string | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);

  const check = () => {
    setDone(null);
    return run(
      () => sendJson<CheckResult>("POST", `/api/admin/mailboxes/${id}/check`, {}),
      (r) => {
        setDone(r.ok ? `Checked: ${r.newMessages} new ${r.newMessages === 1 ? "message" : "messages"}.` : `Check failed: ${r.message ?? "no answer"}`);
        router.refresh();
      },
    );
  };
  const remove = () =>
    run(
      () => sendJson("DELETE", `/api/admin/mailboxes/${id}`),
      () => router.refresh(),
    );

  return (
    <div className="admin-actions">
      {canPoll && (
        <button type="button" className="btn admin-btn-small" disabled={pending} onClick={check}>
          Check now<span className="sr-only"> {address}</span>
        </button>
      )}
      {confirmDelete ? (
        <>
          <button type="button" className="btn admin-btn-small admin-btn-danger" disabled={pending} onClick={remove}>
            Confirm delete<span className="sr-only"> {address}</span>
          </button>
          <button type="button" className="btn btn-quiet admin-btn-small" onClick={() => setConfirmDelete(false)}>
            Cancel
          </button>
        </>
      ) : (
        <button type="button" className="btn btn-quiet admin-btn-small" disabled={pending} onClick={() => setConfirmDelete(true)}>
          Delete<span className="sr-only"> {address}</span>
        </button>
      )}
      <FormAlert inline message={error?.message} />
      {done && (
        <p className="admin-action-ok" role="status">
          {done}
        </p>
      )}
    </div>
  );
}
