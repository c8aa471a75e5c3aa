"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { postAuth } from "./post-auth";

type Errors = { current?: string; next?: string; form?: string };

const NEW_PASSWORD_CODES = new Set(["WEAK_PASSWORD", "PASSWORD_TOO_SHORT", "PASSWORD_TOO_LONG"]);

/**
 * Change password (S3). The policy is the server's (min 12, not common, not the e-mail): its message is
 * shown as it comes. A change rotates the session and signs out every other device.
 */
export function ChangePasswordForm() {
  const router = useRouter();
  const [errors, setErrors] = useState<Errors>({});
  const [pending, setPending] = useState(false);
  const [status, setStatus] = useState("");

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    setPending(true);
    setErrors({});
    setStatus("");
    const result = await postAuth("/api/auth/change-password", {
      currentPassword: String(data.get("currentPassword") ?? ""),
      newPassword: String(data.get("newPassword") ?? ""),
    });
    setPending(false);
    if (!result.ok) {
      if (result.code === "INVALID_PASSWORD") setErrors({ current: "Your current password is not correct." });
      else if (NEW_PASSWORD_CODES.has(result.code)) setErrors({ next: result.message });
      else setErrors({ form: result.message });
      return;
    }
    form.reset();
    setStatus("Password changed. Your other devices were signed out.");
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit}>
      {errors.form && (
        <p className="alert alert-error" role="alert">
          {errors.form}
        </p>
      )}
      <div className="field">
        <label htmlFor="current-password">Current password</label>
        <input
          id="current-password"
          name="currentPassword"
          type="password"
          className="input"
          autoComplete="current-password"
          required
          maxLength={128}
          aria-invalid={errors.current ? true : undefined}
          aria-describedby={errors.current ? "current-password-error" : undefined}
        />
        {errors.current && (
          <p id="current-password-error" className="field-error" role="alert">
            {errors.current}
          </p>
        )}
      </div>
      <div className="field">
        <label htmlFor="new-password">New password</label>
        <input
          id="new-password"
          name="newPassword"
          type="password"
          className="input"
          autoComplete="new-password"
          required
          maxLength={128}
          aria-invalid={errors.next ? true : undefined}
          aria-describedby={errors.next ? "new-password-error new-password-hint" : "new-password-hint"}
        />
        {errors.next && (
          <p id="new-password-error" className="field-error" role="alert">
            {errors.next}
          </p>
        )}
        <p id="new-password-hint" className="field-hint">
          At least 12 characters. Not a common password, and not containing your e-mail address. A few unrelated
          words make a strong one.
        </p>
      </div>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={pending} aria-busy={pending}>
          Change password
        </button>
        <p className="status-text" role="status">
          {status}
        </p>
      </div>
    </form>
  );
}
