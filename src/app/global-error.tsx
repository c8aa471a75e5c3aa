"use client";

import { ErrorPanel } from "@/components/feedback/error-panel";
import "./globals.css";
import "@/styles/message-pages.css";

// Last resort when the root layout itself fails: it must render its own document.
export default function GlobalError({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <html lang="en">
      <body>
        <title>Something went wrong · Helpdesk</title>
        <ErrorPanel error={error} retry={retry} />
      </body>
    </html>
  );
}
