"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { Field, FormAlert } from "@/components/forms/field";
import { SubmitButton } from "@/components/forms/submit-button";
import { failure, useFormSubmit, type ActionResult } from "@/components/forms/use-form-submit";
import { TwoFactorStep } from "./two-factor-step";

const MESSAGES: Record<number, string> = {
  401: "Wrong email or password",
  429: "Too many attempts, try again later",
  403: "Sign-in was refused from this address. Open the helpdesk at its usual address and try again.",
};
const GENERIC = "Sign-in failed. Please try again.";

/** Better Auth's sign-in, answering whether the account still has to give a two-factor code. */
async function signIn(email: string, password: string): Promise<ActionResult<{ needsCode: boolean }>> {
  try {
    const res = await fetch("/api/auth/sign-in/email", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email, password }),
      credentials: "same-origin",
    });
    if (!res.ok) return failure(MESSAGES[res.status] ?? GENERIC, { status: res.status });
    // With two-factor enabled the password alone creates no session: Better Auth asks for the code.
    const body: unknown = await res.json().catch(() => null);
    return { ok: true, data: { needsCode: typeof body === "object" && body !== null && "twoFactorRedirect" in body && body.twoFactorRedirect === true } };
  } catch {
    return failure("Could not reach the server. Check your connection.", { code: "network" });
  }
}

/**
 * The page opened at another address than the helpdesk's own (127.0.0.1 for localhost, an internal name
 * behind a proxy): the browser's Origin then differs from APP_URL, which the origin check (S7) refuses,
 * so say where to sign in instead of a bare "Sign-in failed" (issue 13).
 */
function OtherAddressNotice({ appOrigin, next }: { appOrigin: string; next: string }) {
  const [here, setHere] = useState<string | null>(null);
  useEffect(() => setHere(window.location.origin), []);
  if (!here || here === appOrigin) return null;
  const target = `${appOrigin}/app/sign-in${next !== "/app" ? `?next=${encodeURIComponent(next)}` : ""}`;
  return (
    <p className="alert alert-error" role="alert" data-testid="other-address">
      This page is open at {here}, but this helpdesk signs in at {appOrigin}. <a href={target}>Open the sign-in page there</a>.
    </p>
  );
}

/** Better Auth sets the session cookie on success; the form only reports failures and navigates. */
export function SignInForm({ next, appOrigin }: { next: string; appOrigin: string }) {
  const router = useRouter();
  const { pending, error, onSubmit, setError } = useFormSubmit();
  const [needsCode, setNeedsCode] = useState(false);

  function enterApp() {
    router.replace(next);
    router.refresh();
  }

  const submit = onSubmit(
    (data) => signIn(String(data.get("email") ?? "").trim(), String(data.get("password") ?? "")),
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
      <p className="muted">Use the email and password your administrator gave you.</p>
      <OtherAddressNotice appOrigin={appOrigin} next={next} />
      <FormAlert id="sign-in-error" message={error?.message} />
      <Field label="Email" id="email" name="email" type="email" autoComplete="username" required autoFocus maxLength={254} />
      <Field label="Password" id="password" name="password" type="password" autoComplete="current-password" required maxLength={128} />
      {/* The label stays "Sign in" while busy so the button keeps one accessible name. */}
      <SubmitButton pending={pending} className="btn btn-primary btn-block">
        Sign in
      </SubmitButton>
    </form>
  );
}
