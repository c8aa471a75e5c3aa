"use client";

import type { ApiResult } from "@/components/api/send-json";
import { Field } from "@/components/forms/field";
import { SubmitButton } from "@/components/forms/submit-button";
import { useFormSubmit } from "@/components/forms/use-form-submit";
import { ACCOUNT_MESSAGES } from "@/components/messages/account";
import { COMMON_MESSAGES } from "@/components/messages/common";
import { useMessages } from "@/components/messages/use-messages";

/**
 * "Confirm with your password" before a two-factor change: the library asks for it so that a session
 * left open on someone else's screen cannot turn MFA off or read fresh recovery codes.
 * `action` sends the password; on success `onDone` gets the answer and replaces this form.
 */
export function PasswordPrompt<T>({
  submitLabel,
  intro,
  danger = false,
  action,
  onDone,
  onCancel,
}: {
  submitLabel: string;
  intro: string;
  danger?: boolean;
  action: (password: string) => Promise<ApiResult<T>>;
  onDone: (data: T) => void;
  onCancel: () => void;
}) {
  const t = useMessages(ACCOUNT_MESSAGES);
  const common = useMessages(COMMON_MESSAGES);
  const { pending, error, onSubmit } = useFormSubmit();
  const submit = onSubmit((data) => action(String(data.get("password") ?? "")), onDone, { leaves: true });

  return (
    <form onSubmit={submit} className="password-prompt">
      <p className="muted">{intro}</p>
      <Field
        label={t("twoFactor.confirmPassword")}
        name="password"
        type="password"
        autoComplete="current-password"
        required
        autoFocus
        maxLength={128}
        error={error?.message}
        announce
      />
      <div className="form-actions">
        <SubmitButton pending={pending} className={danger ? "btn btn-danger" : "btn btn-primary"}>
          {submitLabel}
        </SubmitButton>
        <button type="button" className="btn btn-quiet" onClick={onCancel} disabled={pending}>
          {common("action.cancel")}
        </button>
      </div>
    </form>
  );
}
