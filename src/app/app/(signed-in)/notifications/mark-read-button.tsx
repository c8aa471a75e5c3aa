"use client";

import { useRouter } from "next/navigation";
import { sendJson } from "@/components/api/send-json";
import { useFormSubmit } from "@/components/forms/use-form-submit";

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
  return <ReadButton path={`/api/notifications/${encodeURIComponent(id)}/read`} label="Mark read" className="btn btn-quiet" />;
}

/** "Mark all read" (issue 11): every notification the caller may read. */
export function MarkAllReadButton() {
  return <ReadButton path="/api/notifications/read-all" label="Mark all read" className="btn" />;
}
