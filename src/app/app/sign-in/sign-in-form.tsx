"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { Field, FormAlert } from "@/components/forms/field";
import { SubmitButton } from "@/components/forms/submit-button";
import { failure, useFormSubmit, type ActionResult } from "@/components/forms/use-form-submit";
import { AUTH_MESSAGES, type AuthMessageId, type AuthTranslator } from "@/components/messages/auth";
import { COMMON_MESSAGES } from "@/components/messages/common";
import { richText } from "@/components/messages/rich-text";
import { useMessages } from "@/components/messages/use-messages";
import { TwoFactorStep } from "./two-factor-step";

const FAILURE_BY_STATUS: Partial<Record<number, AuthMessageId>> = {
  401: "signIn.wrongPassword",
  429: "auth.tooManyAttempts",
  403: "signIn.refusedOrigin",
};

/** Better Auth's sign-in, answering whether the account still has to give a two-factor code. */
async function signIn(t: AuthTranslator, email: string, password: string): Promise<ActionResult<{ needsCode: boolean }>> {
  try {
    const res = await fetch("/api/auth/sign-in/email", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email, password }),
      credentials: "same-origin",
    });
    if (!res.ok) return failure(t(FAILURE_BY_STATUS[res.status] ?? "signIn.failed"), { status: res.status });
    // With two-factor enabled the password alone creates no session: Better Auth asks for the code.
    const body: unknown = await res.json().catch(() => null);
    return { ok: true, data: { needsCode: typeof body === "object" && body !== null && "twoFactorRedirect" in body && body.twoFactorRedirect === true } };
  } catch {
    return failure(t("auth.network"), { code: "network" });
  }
}

/**
 * The page opened at another address than the helpdesk's own (127.0.0.1 for localhost, an internal name
 * behind a proxy): the browser's Origin then differs from APP_URL, which the origin check (S7) refuses,
 * so say where to sign in instead of a bare "Sign-in failed" (issue 13).
 */
function OtherAddressNotice({ appOrigin, next, t }: { appOrigin: string; next: string; t: AuthTranslator }) {
  const [here, setHere] = useState<string | null>(null);
  useEffect(() => setHere(window.location.origin), []);
  if (!here || here === appOrigin) return null;
  const target = `${appOrigin}/app/sign-in${next !== "/app" ? `?next=${encodeURIComponent(next)}` : ""}`;
  return (
    <p className="alert alert-error" role="alert" data-testid="other-address">
      {richText(t("signIn.otherAddress"), { here, appOrigin, link: <a href={target}>{t("signIn.otherAddressLink")}</a> })}
    </p>
  );
}

/** Better Auth sets the session cookie on success; the form only reports failures and navigates. */
export function SignInForm({ next, appOrigin }: { next: string; appOrigin: string }) {
  const router = useRouter();
  const t = useMessages(AUTH_MESSAGES);
  const common = useMessages(COMMON_MESSAGES);
  const { pending, error, onSubmit, setError } = useFormSubmit();
  const [needsCode, setNeedsCode] = useState(false);

  function enterApp() {
    router.replace(next);
    router.refresh();
  }

  const submit = onSubmit(
    (data) => signIn(t, String(data.get("email") ?? "").trim(), String(data.get("password") ?? "")),
    (result) => (result.needsCode ? setNeedsCode(true) : enterApp()),
    { leaves: (result) => !result.needsCode },
  );

  if (needsCode) {
    return (
      <TwoFactorStep
        onDone={enterApp}
        onRestart={() => {
          setNeedsCode(false);
          setError(null);
        }}
      />
    );
  }

  return (
    <form onSubmit={submit}>
      {/* Only on this step: the code step asks for something else (issue 13). */}
      <p className="muted">{t("signIn.intro")}</p>
      <OtherAddressNotice appOrigin={appOrigin} next={next} t={t} />
      <FormAlert id="sign-in-error" message={error?.message} />
      <Field label={common("field.email")} id="email" name="email" type="email" autoComplete="username" required autoFocus maxLength={254} />
      <Field label={t("auth.password")} id="password" name="password" type="password" autoComplete="current-password" required maxLength={128} />
      {/* The label stays "Sign in" while busy so the button keeps one accessible name. */}
      <SubmitButton pending={pending} className="btn btn-primary btn-block">
        {t("signIn.submit")}
      </SubmitButton>
    </form>
  );
}
