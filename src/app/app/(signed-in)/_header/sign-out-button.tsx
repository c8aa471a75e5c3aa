"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { forgetAllDrafts } from "@/components/drafts/draft-store";
import { HEADER_MESSAGES } from "@/components/messages/header";
import { useMessages } from "@/components/messages/use-messages";

/**
 * Sign-out is a POST through the auth route (with its origin check), never a GET link a page could trigger.
 * It also forgets the composer drafts kept in this browser (issue 11).
 */
export function SignOutButton() {
  const router = useRouter();
  const t = useMessages(HEADER_MESSAGES);
  const [pending, setPending] = useState(false);
  const [failed, setFailed] = useState(false);

  async function signOut() {
    setPending(true);
    setFailed(false);
    try {
      const res = await fetch("/api/auth/sign-out", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: "{}",
        credentials: "same-origin",
      });
      if (!res.ok) throw new Error(String(res.status));
      // Unsent replies and notes stay on this browser only until their author signs out.
      forgetAllDrafts({ sessionEnded: true });
      router.replace("/app/sign-in");
      router.refresh();
    } catch {
      setFailed(true);
      setPending(false);
    }
  }

  return (
    <>
      {failed && (
        <span role="alert" className="field-error">
          {t("signOut.failed")}
        </span>
      )}
      <button type="button" className="btn" onClick={signOut} disabled={pending} aria-busy={pending}>
        {t("signOut.button")}
      </button>
    </>
  );
}
