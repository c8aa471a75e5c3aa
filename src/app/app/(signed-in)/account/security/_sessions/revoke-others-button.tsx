"use client";

import { useRouter } from "next/navigation";
import { sendJson } from "@/components/api/send-json";
import { FormAlert } from "@/components/forms/field";
import { useFormSubmit } from "@/components/forms/use-form-submit";

/** Ends every session of the user except this one (S3): the answer to "I signed in somewhere and forgot". */
export function RevokeOthersButton({ count }: { count: number }) {
  const router = useRouter();
  const { pending, error, run } = useFormSubmit();

  // The refreshed list (now only this device) replaces this button.
  const revokeOthers = () =>
    run(
      () => sendJson<{ revoked: number }>("POST", "/api/account/sessions/revoke-others", {}),
      () => router.refresh(),
    );

  return (
    <div className="form-actions">
      <button type="button" className="btn" onClick={revokeOthers} disabled={pending} aria-busy={pending}>
        Sign out all other sessions
      </button>
      <span className="muted">{count === 1 ? "1 other session" : `${count} other sessions`}</span>
      <FormAlert inline message={error?.message} />
    </div>
  );
}
