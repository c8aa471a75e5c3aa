"use client";

import { useRouter } from "next/navigation";
import { sendJson } from "@/components/api/send-json";
import { FormAlert } from "@/components/forms/field";
import { useFormSubmit } from "@/components/forms/use-form-submit";
import { ACCOUNT_MESSAGES } from "@/components/messages/account";
import { useMessages } from "@/components/messages/use-messages";

/** Ends one of the user's other sessions; that device lands on sign-in at its next request (S3). */
export function RevokeSessionButton({ sessionId, device }: { sessionId: string; device: string }) {
  const router = useRouter();
  const t = useMessages(ACCOUNT_MESSAGES);
  const { pending, error, run } = useFormSubmit();

  function revoke() {
    return run(
      async () => {
        const result = await sendJson("DELETE", `/api/account/sessions/${encodeURIComponent(sessionId)}`);
        // Already gone (signed out meanwhile) is what the user wanted: refresh the list either way.
        return !result.ok && result.error.status === 404 ? { ok: true as const, data: null } : result;
      },
      () => router.refresh(),
    );
  }

  return (
    <>
      <button
        type="button"
        className="btn btn-small"
        onClick={revoke}
        disabled={pending}
        aria-busy={pending}
        aria-label={t("sessions.revokeLabel", { device })}
      >
        {t("sessions.revoke")}
      </button>
      <FormAlert inline message={error?.message} />
    </>
  );
}
