"use client";

import { useRouter } from "next/navigation";
import { sendJson } from "@/components/api/send-json";
import { useFormSubmit } from "@/components/forms/use-form-submit";
import { NOTIFICATIONS_MESSAGES } from "@/components/messages/notifications";
import { useMessages } from "@/components/messages/use-messages";

/** One POST that marks notifications read, then the page re-reads (the bell follows live). */
function ReadButton({ path, label, className }: { path: string; label: string; className: string }) {
  const router = useRouter();
  const { pending, error, run } = useFormSubmit();
  return (
    <span>
      <button
        type="button"
        className={className}
        disabled={pending}
        onClick={() =>
          run(
            () => sendJson("POST", path, {}),
            () => router.refresh(),
          )
        }
      >
        {label}
      </button>
      {error && <span role="alert"> {error.message}</span>}
    </span>
  );
}

export function MarkReadButton({ id }: { id: string }) {
  const t = useMessages(NOTIFICATIONS_MESSAGES);
  return <ReadButton path={`/api/notifications/${encodeURIComponent(id)}/read`} label={t("notifications.markRead")} className="btn btn-quiet" />;
}

/** "Mark all read" (issue 11): every notification the caller may read. */
export function MarkAllReadButton() {
  const t = useMessages(NOTIFICATIONS_MESSAGES);
  return <ReadButton path="/api/notifications/read-all" label={t("notifications.markAllRead")} className="btn" />;
}
