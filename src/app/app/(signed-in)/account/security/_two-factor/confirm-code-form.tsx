"use client";

import { useId, useState, type FormEvent } from "react";
import { postAuth } from "../post-auth";

/**
 * The last enrolment step: a code from the app proves it holds the secret. Only then does the server
 * switch two-factor on (and rotate the session, ending every other one).
 */
export function ConfirmCodeForm({ onConfirmed }: { onConfirmed: () => void }) {
  const id = useId();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const code = String(new FormData(event.currentTarget).get("code") ?? "").replace(/\s+/g, "");
    setPending(true);
    setError(null);
    const result = await postAuth("/api/auth/two-factor/verify-totp", { code });
    if (!result.ok) {
      setError(result.message);
      setPending(false);
      return;
    }
    onConfirmed();
  }

  return (
    <form onSubmit={onSubmit}>
      <div className="field">
        <label htmlFor={`${id}-code`}>Code from your authenticator app</label>
        <input
          id={`${id}-code`}
          name="code"
          className="input input-code"
          required
          autoFocus
          autoComplete="one-time-code"
          inputMode="numeric"
          pattern="[0-9 ]{6,7}"
          maxLength={7}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : `${id}-hint`}
        />
        {error ? (
          <p id={`${id}-error`} className="field-error" role="alert">
            {error}
          </p>
        ) : (
          <p id={`${id}-hint`} className="field-hint">
            The 6-digit code your app shows for Helpdesk now.
          </p>
        )}
      </div>
      <button type="submit" className="btn btn-primary" disabled={pending} aria-busy={pending}>
        Turn on two-factor authentication
      </button>
    </form>
  );
}
