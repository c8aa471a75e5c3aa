"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { sendJson, type ApiError } from "@/components/api/send-json";
import { FieldError } from "@/components/forms/field-error";

export function AcceptInviteForm({ token, name, email, minLength }: { token: string; name: string; email: string; minLength: number }) {
  const router = useRouter();
  const [error, setError] = useState<ApiError | null>(null);
  const [pending, setPending] = useState(false);
  const [mismatch, setMismatch] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const password = String(data.get("password") ?? "");
    if (password !== String(data.get("confirm") ?? "")) return setMismatch(true);
    setMismatch(false);
    setPending(true);
    setError(null);
    const result = await sendJson<{ email: string }>("POST", `/api/invites/${encodeURIComponent(token)}/accept`, { password, name: String(data.get("name") ?? "").trim() || undefined });
    if (!result.ok) {
      setPending(false);
      return setError(result.error.status === 404 ? { ...result.error, message: "This invite link is invalid, has expired or was already used." } : result.error);
    }
    // The password is set: sign in with it, like the sign-in page does.
    const signIn = await fetch("/api/auth/sign-in/email", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: result.data.email, password }),
      credentials: "same-origin",
    }).catch(() => null);
    if (!signIn?.ok) return router.replace("/app/sign-in");
    router.replace("/app");
    router.refresh();
  }

  const passwordError = error?.fieldErrors.password ?? (error && error.status === 400 && !Object.keys(error.fieldErrors).length ? error.message : undefined);
  return (
    <form onSubmit={onSubmit}>
      {error && !passwordError && (
        <p className="alert alert-error" role="alert">
          {error.message}
        </p>
      )}
      <input type="hidden" name="username" autoComplete="username" value={email} readOnly />
      <div className="field">
        <label htmlFor="invite-name">Your name</label>
        <input id="invite-name" name="name" className="input" defaultValue={name} maxLength={120} autoComplete="name" required />
      </div>
      <div className="field">
        <label htmlFor="invite-password">New password</label>
        <input
          id="invite-password"
          name="password"
          type="password"
          className="input"
          autoComplete="new-password"
          required
          minLength={minLength}
          maxLength={128}
          aria-invalid={passwordError ? true : undefined}
          aria-describedby={`invite-password-hint${passwordError ? " invite-password-error" : ""}`}
        />
        <p id="invite-password-hint" className="field-hint">
          At least {minLength} characters; not a common password and not your e-mail address.
        </p>
        {passwordError && (
          <p id="invite-password-error" className="field-error" role="alert">
            {passwordError}
          </p>
        )}
      </div>
      <div className="field">
        <label htmlFor="invite-confirm">Repeat the password</label>
        <input id="invite-confirm" name="confirm" type="password" className="input" autoComplete="new-password" required maxLength={128} aria-invalid={mismatch ? true : undefined} aria-describedby={mismatch ? "invite-confirm-error" : undefined} />
        <FieldError id="invite-confirm-error" label="Password" message={mismatch ? "The two passwords differ." : undefined} />
      </div>
      <button type="submit" className="btn btn-primary btn-block" disabled={pending} aria-busy={pending}>
        Set password and sign in
      </button>
    </form>
  );
}
