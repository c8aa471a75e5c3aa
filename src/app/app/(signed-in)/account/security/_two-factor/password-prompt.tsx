"use client";

import { useId, useState, type FormEvent } from "react";

/**
 * "Confirm with your password" before a two-factor change: the library asks for it so that a session
 * left open on someone else's screen cannot turn MFA off or read fresh recovery codes.
 * `onConfirm` returns an error message, or null when done.
 */
export function PasswordPrompt({
  submitLabel,
  intro,
  danger = false,
  onConfirm,
  onCancel,
}: {
  submitLabel: string;
  intro: string;
  danger?: boolean;
  onConfirm: (password: string) => Promise<string | null>;
  onCancel: () => void;
}) {
  const id = useId();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const password = String(new FormData(event.currentTarget).get("password") ?? "");
    setPending(true);
    setError(null);
    const problem = await onConfirm(password);
    // On success the caller replaces this form; only a failure keeps it on screen.
    if (problem) {
      setError(problem);
      setPending(false);
    }
  }

  return (
    <form onSubmit={onSubmit} className="password-prompt">
      <p className="muted">{intro}</p>
      <div className="field">
        <label htmlFor={`${id}-password`}>Confirm with your password</label>
        <input
          id={`${id}-password`}
          name="password"
          type="password"
          className="input"
          autoComplete="current-password"
          required
          autoFocus
          maxLength={128}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
        />
        {error && (
          <p id={`${id}-error`} className="field-error" role="alert">
            {error}
          </p>
        )}
      </div>
      <div className="form-actions">
        <button type="submit" className={danger ? "btn btn-danger" : "btn btn-primary"} disabled={pending} aria-busy={pending}>
          {submitLabel}
        </button>
        <button type="button" className="btn btn-quiet" onClick={onCancel} disabled={pending}>
          Cancel
        </button>
      </div>
    </form>
  );
}
