"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { sendJson } from "@/components/api/send-json";
import { FormAlert } from "@/components/forms/field";
import { useFormSubmit } from "@/components/forms/use-form-submit";
import { COMMON_MESSAGES } from "@/components/messages/common";
import { MAIL_SETTINGS_MESSAGES } from "@/components/messages/mail-settings";
import { useMessages } from "@/components/messages/use-messages";

type CheckResult = { ok: boolean; message: string | null; newMessages: number; ingested: number };

/** Check now (poll the mailbox this moment) and delete, for one row of the mailboxes table. */
export function MailboxActions({ id, address, canPoll }: { id: string; address: string; canPoll: boolean }) {
  const router = useRouter();
  const t = useMessages(MAIL_SETTINGS_MESSAGES);
  const common = useMessages(COMMON_MESSAGES);
  const { pending, error, run } = useFormSubmit();
  const [done, setDone] = useState<string | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);

  const check = () => {
    setDone(null);
    return run(
      () => sendJson<CheckResult>("POST", `/api/admin/mailboxes/${id}/check`, {}),
      (r) => {
        setDone(r.ok ? t("mailbox.checked", { count: r.newMessages }) : t("mailbox.checkFailed", { message: r.message ?? t("noAnswer") }));
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
          {t("mailbox.checkNow")}
          <span className="sr-only"> {address}</span>
        </button>
      )}
      {confirmDelete ? (
        <>
          <button type="button" className="btn admin-btn-small admin-btn-danger" disabled={pending} onClick={remove}>
            {t("mailbox.confirmDelete")}
            <span className="sr-only"> {address}</span>
          </button>
          <button type="button" className="btn btn-quiet admin-btn-small" onClick={() => setConfirmDelete(false)}>
            {common("action.cancel")}
          </button>
        </>
      ) : (
        <button type="button" className="btn btn-quiet admin-btn-small" disabled={pending} onClick={() => setConfirmDelete(true)}>
          {common("action.delete")}
          <span className="sr-only"> {address}</span>
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
