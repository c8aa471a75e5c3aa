"use client";

import { useState } from "react";
import { postAuth } from "@/components/api/post-auth";
import { Field, FormAlert } from "@/components/forms/field";
import { SubmitButton } from "@/components/forms/submit-button";
import { useFormSubmit } from "@/components/forms/use-form-submit";

/** Better Auth's request-password-reset; the server answers alike for every address, and so does this form. */
export function ForgotPasswordForm() {
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
          <p>
            If <strong>{sentTo}</strong> belongs to an account, a link to choose a new password is on its way. It works once, for 30 minutes. Check your spam
            folder if nothing arrives within a few minutes.
          </p>
        </div>
      )}
      <Field label="Email" id="email" name="email" type="email" autoComplete="username" required autoFocus maxLength={254} />
      <SubmitButton pending={pending} className="btn btn-primary btn-block">
        Send reset link
      </SubmitButton>
    </form>
  );
}
