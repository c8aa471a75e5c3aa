"use client";

import Link from "next/link";
import { useEffect } from "react";
import { MessagePage } from "./message-page";

/**
 * The body of every error boundary. In production Next.js replaces server error messages with a digest,
 * so we show a friendly sentence and the digest (which matches the server log line), never the message.
 */
export function ErrorPanel({ error, retry }: { error: unknown; retry: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  const digest = typeof error === "object" && error !== null && "digest" in error && typeof error.digest === "string" ? error.digest : null;
  return (
    <MessagePage
      code="ERROR"
      title="Something went wrong"
      actions={
        <>
          <button type="button" className="btn btn-primary" onClick={() => retry()}>
            Try again
          </button>
          <Link className="btn" href="/app" prefetch={false}>
            Back to the queue
          </Link>
        </>
      }
    >
      We could not load this page. Try again in a moment; if it keeps happening, tell your administrator
      {digest ? ` and mention reference ${digest}` : ""}.
    </MessagePage>
  );
}
