"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { sendJson } from "@/components/api/send-json";

/** Ends one of the user's other sessions; that device lands on sign-in at its next request (S3). */
export function RevokeSessionButton({ sessionId, device }: { sessionId: string; device: string }) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function revoke() {
    setPending(true);
    setError(null);
    const result = await sendJson("DELETE", `/api/account/sessions/${encodeURIComponent(sessionId)}`);
    setPending(false);
    // Already gone (signed out meanwhile) is what the user wanted: refresh the list either way.
    if (!result.ok && result.error.status !== 404) {
      setError(result.error.message);
      return;
    }
    router.refresh();
  }

  return (
    <>
      <button type="button" className="btn btn-small" onClick={revoke} disabled={pending} aria-busy={pending} aria-label={`Revoke session: ${device}`}>
        Revoke
      </button>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </>
  );
}
