"use client";

import { Field } from "@/components/forms/field";
import { SubmitButton } from "@/components/forms/submit-button";
import { useFormSubmit } from "@/components/forms/use-form-submit";
import { postAuth } from "@/components/api/post-auth";
import { ACCOUNT_MESSAGES } from "@/components/messages/account";
import { useMessages } from "@/components/messages/use-messages";

/**
 * The last enrolment step: a code from the app proves it holds the secret. Only then does the server
 * switch two-factor on (and rotate the session, ending every other one).
 */
export function ConfirmCodeForm({ onConfirmed }: { onConfirmed: () => void }) {
  const t = useMessages(ACCOUNT_MESSAGES);
  const { pending, error, onSubmit } = useFormSubmit();

  const submit = onSubmit((data) => postAuth("/api/auth/two-factor/verify-totp", { code: String(data.get("code") ?? "").replace(/\s+/g, "") }), onConfirmed, {
    leaves: true,
  });

  return (
    <form onSubmit={submit}>
      <Field
        label={t("enrol.code")}
        name="code"
        className="input input-code"
        required
        autoFocus
        autoComplete="one-time-code"
        inputMode="numeric"
        pattern="[0-9 ]{6,7}"
        maxLength={7}
        hint={error ? undefined : t("enrol.codeHint")}
        error={error?.message}
        announce
      />
      <SubmitButton pending={pending}>{t("enrol.turnOn")}</SubmitButton>
    </form>
  );
}
