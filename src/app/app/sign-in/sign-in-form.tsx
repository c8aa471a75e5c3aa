"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { TwoFactorStep } from "./two-factor-step";

const MESSAGES: Record<number, string> = {
  401: "Wrong email or password",
  429: "Too many attempts, try again later",
};
const GENERIC = "Sign-in failed. Please try again.";

/** Better Auth sets the session cookie on success; the form only reports failures and navigates. */
export function SignInForm({ next }: { next: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [needsCode, setNeedsCode] = useState(false);

  function enterApp() {
    router.replace(next);
    router.refresh();
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    try {
      const res = await fetch("/api/auth/sign-in/email", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: String(data.get("email") ?? "").trim(), password: String(data.get("password") ?? "") }),
        credentials: "same-origin",
      });
      if (!res.ok) {
        setError(MESSAGES[res.status] ?? GENERIC);
        setPending(false);
        return;
      }
      // With two-factor enabled the password alone creates no session: Better Auth asks for the code.
      const body: unknown = await res.json().catch(() => null);
      if (typeof body === "object" && body !== null && "twoFactorRedirect" in body && body.twoFactorRedirect === true) {
        setNeedsCode(true);
        setPending(false);
        return;
      }
      enterApp();
    } catch {
      setError("Could not reach the server. Check your connection.");
      setPending(false);
    }
  }

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
    <form onSubmit={onSubmit}>
      {error && (
        <p id="sign-in-error" className="alert alert-error" role="alert">
          {error}
        </p>
      )}
      <div className="field">
        <label htmlFor="email">Email</label>
        <input id="email" name="email" type="email" className="input" autoComplete="username" required autoFocus maxLength={254} />
      </div>
      <div className="field">
        <label htmlFor="password">Password</label>
        <input id="password" name="password" type="password" className="input" autoComplete="current-password" required maxLength={128} />
      </div>
      {/* The label stays "Sign in" while busy so the button keeps one accessible name. */}
      <button type="submit" className="btn btn-primary btn-block" disabled={pending} aria-busy={pending}>
        Sign in
      </button>
    </form>
  );
}
