"use client";

import { useState } from "react";
import { postAuth } from "@/components/api/post-auth";
import { Field, FormAlert } from "@/components/forms/field";
import { SubmitButton } from "@/components/forms/submit-button";
import { useFormSubmit } from "@/components/forms/use-form-submit";
import { AUTH_MESSAGES } from "@/components/messages/auth";
import { COMMON_MESSAGES } from "@/components/messages/common";
import { richText } from "@/components/messages/rich-text";
import { useMessages } from "@/components/messages/use-messages";

/** Better Auth's request-password-reset; the server answers alike for every address, and so does this form. */
export function ForgotPasswordForm() {
  const t = useMessages(AUTH_MESSAGES);
  const common = useMessages(COMMON_MESSAGES);
  const { pending, error, onSubmit } = useFormSubmit();
  const [sentTo, setSentTo] = useState<string | null>(null);

  const submit = onSubmit(
    async (data) => {
      const email = String(data.get("email") ?? "").trim();
      setSentTo(null);
      const result = await postAuth<{ status: boolean }>("/api/auth/request-password-reset", { email });
      return result.ok ? { ok: true as const, data: { email } } : result;
    },
    ({ email }, form) => {
      form.reset();
      setSentTo(email);
    },
  );

  return (
    <form onSubmit={submit}>
      <FormAlert message={error?.message} />
      {sentTo && (
        <div className="alert alert-success" role="status">
          <p>{richText(t("forgot.sent"), { email: <strong>{sentTo}</strong> })}</p>
        </div>
      )}
      <Field label={common("field.email")} id="email" name="email" type="email" autoComplete="username" required autoFocus maxLength={254} />
      <SubmitButton pending={pending} className="btn btn-primary btn-block">
        {t("forgot.submit")}
      </SubmitButton>
    </form>
  );
}
