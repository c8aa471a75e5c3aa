"use client";

import Link from "next/link";
import { useEffect } from "react";
import { COMMON_MESSAGES } from "@/components/messages/common";
import { FEEDBACK_MESSAGES } from "@/components/messages/feedback";
import { useMessages } from "@/components/messages/use-messages";
import { MessagePage } from "./message-page";

/**
 * The body of every error boundary. In production Next.js replaces server error messages with a digest,
 * so we show a friendly sentence and the digest (which matches the server log line), never the message.
 * Its texts come from the page's locale where a TimePrefsProvider is above it (the signed-in area), the
 * default locale elsewhere (the root error boundaries render outside every provider).
 */
export function ErrorPanel({ error, retry }: { error: unknown; retry: () => void }) {
  const t = useMessages(FEEDBACK_MESSAGES);
  const common = useMessages(COMMON_MESSAGES);
  useEffect(() => {
    console.error(error);
  }, [error]);
  const digest = typeof error === "object" && error !== null && "digest" in error && typeof error.digest === "string" ? error.digest : null;
  return (
    <MessagePage
      code="ERROR"
      title={t("error.title")}
      actions={
        <>
          <button type="button" className="btn btn-primary" onClick={() => retry()}>
            {common("action.tryAgain")}
          </button>
          <Link className="btn" href="/app" prefetch={false}>
            {t("feedback.backToQueue")}
          </Link>
        </>
      }
    >
      {digest ? t("error.bodyWithReference", { digest }) : t("error.body")}
    </MessagePage>
  );
}
