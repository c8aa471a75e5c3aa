"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { sendJson } from "@/components/api/send-json";

/** Ends every session of the user except this one (S3): the answer to "I signed in somewhere and forgot". */
export function RevokeOthersButton({ count }: { count: number }) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function revokeOthers() {
    setPending(true);
    setError(null);
    const result = await sendJson<{ revoked: number }>("POST", "/api/account/sessions/revoke-others", {});
    setPending(false);
    if (!result.ok) {
      setError(result.error.message);
      return;
    }
    // The refreshed list (now only this device) replaces this button.
    router.refresh();
  }

  return (
    <div className="form-actions">
      <button type="button" className="btn" onClick={revokeOthers} disabled={pending} aria-busy={pending}>
        Sign out all other sessions
      </button>
      <span className="muted">{count === 1 ? "1 other session" : `${count} other sessions`}</span>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
