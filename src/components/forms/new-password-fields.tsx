"use client";

import { AUTH_MESSAGES, type AuthTranslator } from "@/components/messages/auth";
import { useMessages } from "@/components/messages/use-messages";
import { Field } from "./field";
import { failure } from "./use-form-submit";

/** The new-password pair of every form that sets one (invite acceptance, password reset): fields `password` and `confirm`. */
export function NewPasswordFields({ minLength, error, confirmError }: { minLength: number; error?: string; confirmError?: string }) {
  const t = useMessages(AUTH_MESSAGES);
  return (
    <>
      <Field
        label={t("newPassword.label")}
        name="password"
        type="password"
        autoComplete="new-password"
        required
        minLength={minLength}
        maxLength={128}
        hint={t("newPassword.hint", { min: minLength })}
        error={error}
        announce
      />
      <Field
        label={t("newPassword.repeat")}
        errorLabel={t("auth.password")}
        name="confirm"
        type="password"
        autoComplete="new-password"
        required
        maxLength={128}
        error={confirmError}
      />
    </>
  );
}

/** The form's own check before anything is sent: the failure to show when the two passwords differ, else null. */
export function passwordsDiffer(data: FormData, t: AuthTranslator) {
  if (String(data.get("password") ?? "") === String(data.get("confirm") ?? "")) return null;
  const message = t("newPassword.mismatch");
  return failure(message, { code: "mismatch", fieldErrors: { confirm: message } });
}
