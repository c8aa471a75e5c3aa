"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Field, FormAlert } from "@/components/forms/field";
import { SubmitButton } from "@/components/forms/submit-button";
import { useFormSubmit } from "@/components/forms/use-form-submit";
import { postAuth } from "@/components/api/post-auth";
import { ACCOUNT_MESSAGES } from "@/components/messages/account";
import { useMessages } from "@/components/messages/use-messages";

const NEW_PASSWORD_CODES = new Set(["WEAK_PASSWORD", "PASSWORD_TOO_SHORT", "PASSWORD_TOO_LONG"]);

/**
 * Change password (S3). The policy is the server's (min 12, not common, not the e-mail): its message is
 * shown as it comes. A change rotates the session and signs out every other device.
 */
export function ChangePasswordForm() {
  const router = useRouter();
  const t = useMessages(ACCOUNT_MESSAGES);
  const { pending, error, onSubmit } = useFormSubmit();
  const [status, setStatus] = useState("");

  const submit = onSubmit(
    (data) => {
      setStatus("");
      return postAuth("/api/auth/change-password", {
        currentPassword: String(data.get("currentPassword") ?? ""),
        newPassword: String(data.get("newPassword") ?? ""),
      });
    },
    (_, form) => {
      form.reset();
      setStatus(t("password.changed"));
      router.refresh();
    },
  );

  // The library answers with a code: a wrong current password and a refused new one belong to their field.
  const current = error?.code === "INVALID_PASSWORD" ? t("password.currentWrong") : undefined;
  const next = error && NEW_PASSWORD_CODES.has(error.code) ? error.message : undefined;
  return (
    <form onSubmit={submit}>
      <FormAlert message={current || next ? undefined : error?.message} />
      <Field
        label={t("password.current")}
        name="currentPassword"
        type="password"
        autoComplete="current-password"
        required
        maxLength={128}
        error={current}
        announce
      />
      <Field
        label={t("password.new")}
        name="newPassword"
        type="password"
        autoComplete="new-password"
        required
        maxLength={128}
        hint={t("password.newHint")}
        error={next}
        announce
      />
      <div className="form-actions">
        <SubmitButton pending={pending}>{t("password.submit")}</SubmitButton>
        <p className="status-text" role="status">
          {status}
        </p>
      </div>
    </form>
  );
}
