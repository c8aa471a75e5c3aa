"use client";

import { useRouter } from "next/navigation";
import { sendJson } from "@/components/api/send-json";
import { FormAlert } from "@/components/forms/field";
import { useFormSubmit } from "@/components/forms/use-form-submit";
import { MAIL_SETTINGS_MESSAGES } from "@/components/messages/mail-settings";
import { useMessages } from "@/components/messages/use-messages";

/** Accept (the mail is processed as if it had passed) or drop a held mail; both audited by the API. */
export function HeldMailActions({ id, subject }: { id: string; subject: string }) {
  const router = useRouter();
  const t = useMessages(MAIL_SETTINGS_MESSAGES);
  const { pending, error, run } = useFormSubmit();
  const decide = (verb: "accept" | "drop") =>
    run(
      () => sendJson("POST", `/api/admin/held-mails/${id}/${verb}`, {}),
      () => router.refresh(),
    );
  return (
    <div className="admin-actions">
      <button type="button" className="btn admin-btn-small" disabled={pending} onClick={() => decide("accept")}>
        {t("held.accept")}
        <span className="sr-only"> {t("quoted", { text: subject })}</span>
      </button>
      <button type="button" className="btn btn-quiet admin-btn-small" disabled={pending} onClick={() => decide("drop")}>
        {t("held.drop")}
        <span className="sr-only"> {t("quoted", { text: subject })}</span>
      </button>
      <FormAlert inline message={error?.message} />
    </div>
  );
}
