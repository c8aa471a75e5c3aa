"use client";

import { useRouter } from "next/navigation";
import { sendJson } from "@/components/api/send-json";
import { FormAlert } from "@/components/forms/field";
import { useFormSubmit } from "@/components/forms/use-form-submit";
import { ACCOUNT_MESSAGES } from "@/components/messages/account";
import { useMessages } from "@/components/messages/use-messages";

/** Ends every session of the user except this one (S3): the answer to "I signed in somewhere and forgot". */
export function RevokeOthersButton({ count }: { count: number }) {
  const router = useRouter();
  const t = useMessages(ACCOUNT_MESSAGES);
  const { pending, error, run } = useFormSubmit();

  // The refreshed list (now only this device) replaces this button.
  const revokeOthers = () =>
    run(
      () => sendJson<{ revoked: number }>("POST", "/api/account/sessions/revoke-others", {}),
      () => router.refresh(),
    );

  return (
    <div className="form-actions">
      <button type="button" className="btn" onClick={revokeOthers} disabled={pending} aria-busy={pending}>
        {t("sessions.revokeOthers")}
      </button>
      <span className="muted">{t("sessions.otherCount", { count })}</span>
      <FormAlert inline message={error?.message} />
    </div>
  );
}
