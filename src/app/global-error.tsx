"use client";

import { ErrorPanel } from "@/components/feedback/error-panel";
import { FEEDBACK_MESSAGES } from "@/components/messages/feedback";
import { useMessages } from "@/components/messages/use-messages";
import "./globals.css";
import "@/styles/message-pages.css";

// Last resort when the root layout itself fails: it must render its own document. No provider is above
// it, so its texts are in the default locale: nothing here may depend on what just failed.
export default function GlobalError({ error, retry }: { error: unknown; retry: () => void }) {
  const t = useMessages(FEEDBACK_MESSAGES);
  return (
    <html lang="en">
      <body>
        <title>{t("error.documentTitle")}</title>
        <ErrorPanel error={error} retry={retry} />
      </body>
    </html>
  );
}
