"use client";

import Link from "next/link";
import { useEffect, useState } from "react";
import { postAuth } from "@/components/api/post-auth";
import { FormAlert } from "@/components/forms/field";
import { NewPasswordFields, passwordsDiffer } from "@/components/forms/new-password-fields";
import { SubmitButton } from "@/components/forms/submit-button";
import { useFormSubmit } from "@/components/forms/use-form-submit";
import { AUTH_MESSAGES } from "@/components/messages/auth";
import { richText } from "@/components/messages/rich-text";
import { useMessages } from "@/components/messages/use-messages";

const NEW_PASSWORD_CODES = new Set(["WEAK_PASSWORD", "PASSWORD_TOO_SHORT", "PASSWORD_TOO_LONG"]);

/** The token from the link's fragment; the fragment is then removed from the address bar and history. */
function takeTokenFromFragment(): string | null {
  const token = new URLSearchParams(window.location.hash.slice(1)).get("token");
  if (token) window.history.replaceState(null, "", window.location.pathname);
  return token;
}

export function ResetPasswordForm({ minLength }: { minLength: number }) {
  const t = useMessages(AUTH_MESSAGES);
  const { pending, error, fieldErrors, onSubmit } = useFormSubmit();
  // undefined: not read yet (first render, also on the server); null: the link carried none.
  const [token, setToken] = useState<string | null | undefined>(undefined);
  const [done, setDone] = useState(false);
  useEffect(() => setToken(takeTokenFromFragment()), []);

  const submit = onSubmit(
    async (data) => {
      return passwordsDiffer(data, t) ?? postAuth<{ status: boolean }>("/api/auth/reset-password", { token, newPassword: String(data.get("password") ?? "") });
    },
    () => setDone(true),
  );

  if (done) {
    return (
      <div className="alert alert-success" role="status">
        <p>{t("reset.done")}</p>
        <p>
          <Link href="/app/sign-in">{t("reset.signInWithNew")}</Link>
        </p>
      </div>
    );
  }
  if (token === null) {
    return (
      <p className="alert alert-error" role="alert">
        {richText(t("reset.needsLink"), { link: <Link href="/app/forgot-password">{t("auth.askNewLink")}</Link> })}
      </p>
    );
  }
  const passwordError = error && NEW_PASSWORD_CODES.has(error.code) ? error.message : undefined;
  const confirmError = fieldErrors.confirm;
  return (
    <form onSubmit={submit}>
      <FormAlert message={passwordError || confirmError ? undefined : error?.message} />
      {error?.code === "INVALID_TOKEN" && (
        <p>
          <Link href="/app/forgot-password">{t("auth.askNewLink")}</Link>
        </p>
      )}
      <NewPasswordFields minLength={minLength} error={passwordError} confirmError={confirmError} />
      <SubmitButton pending={pending || token === undefined} className="btn btn-primary btn-block">
        {t("reset.submit")}
      </SubmitButton>
    </form>
  );
}
