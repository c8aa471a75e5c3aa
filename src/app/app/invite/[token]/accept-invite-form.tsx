"use client";

import { useRouter } from "next/navigation";
import { sendJson } from "@/components/api/send-json";
import { Field, FormAlert } from "@/components/forms/field";
import { SubmitButton } from "@/components/forms/submit-button";
import { NewPasswordFields, passwordsDiffer } from "@/components/forms/new-password-fields";
import { useFormSubmit } from "@/components/forms/use-form-submit";
import { AUTH_MESSAGES } from "@/components/messages/auth";
import { useMessages } from "@/components/messages/use-messages";

export function AcceptInviteForm({ token, name, email, minLength }: { token: string; name: string; email: string; minLength: number }) {
  const router = useRouter();
  const t = useMessages(AUTH_MESSAGES);
  const { pending, error, fieldErrors, onSubmit } = useFormSubmit();

  const submit = onSubmit(
    async (data) => {
      const mismatch = passwordsDiffer(data, t);
      if (mismatch) return mismatch;
      const password = String(data.get("password") ?? "");
      const result = await sendJson<{ email: string }>("POST", `/api/invites/${encodeURIComponent(token)}/accept`, {
        password,
        name: String(data.get("name") ?? "").trim() || undefined,
      });
      if (!result.ok && result.error.status === 404) return { ok: false, error: { ...result.error, message: t("invite.invalid") } };
      return result.ok ? { ok: true, data: { email: result.data.email, password } } : result;
    },
    async ({ email: accepted, password }) => {
      // The password is set: sign in with it, like the sign-in page does.
      const signIn = await fetch("/api/auth/sign-in/email", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: accepted, password }),
        credentials: "same-origin",
      }).catch(() => null);
      if (!signIn?.ok) return router.replace("/app/sign-in");
      router.replace("/app");
      router.refresh();
    },
    { leaves: true },
  );

  const confirmError = fieldErrors.confirm;
  const passwordError = fieldErrors.password ?? (error && error.status === 400 && !Object.keys(error.fieldErrors).length ? error.message : undefined);
  return (
    <form onSubmit={submit}>
      <FormAlert message={passwordError || confirmError ? undefined : error?.message} />
      <input type="hidden" name="username" autoComplete="username" value={email} readOnly />
      <Field label={t("invite.yourName")} name="name" defaultValue={name} maxLength={120} autoComplete="name" required />
      <NewPasswordFields minLength={minLength} error={passwordError} confirmError={confirmError} />
      <SubmitButton pending={pending} className="btn btn-primary btn-block">
        {t("invite.submit")}
      </SubmitButton>
    </form>
  );
}
