"use client";

import { useRouter } from "next/navigation";
import { sendJson } from "@/components/api/send-json";
import { useFormSubmit } from "@/components/forms/use-form-submit";

export function MarkReadButton({ id }: { id: string }) {
  const router = useRouter();
  const { pending, error, run } = useFormSubmit();
  return (
    <span>
      <button
        type="button"
        className="btn btn-quiet"
        disabled={pending}
        onClick={() =>
          run(
            () => sendJson("POST", `/api/notifications/${id}/read`, {}),
            () => router.refresh(),
          )
        }
      >
        Mark read
      </button>
      {error && <span role="alert"> {error.message}</span>}
    </span>
  );
}

/** "Mark all read" (issue 11): every notification the caller may read; the bell follows live. */
export function MarkAllReadButton() {
  const router = useRouter();
  const { pending, error, run } = useFormSubmit();
  return (
    <span>
      <button
        type="button"
        className="btn"
        disabled={pending}
        onClick={() =>
          run(
            () => sendJson("POST", "/api/notifications/read-all", {}),
            () => router.refresh(),
          )
        }
      >
        Mark all read
      </button>
      {error && <span role="alert"> {error.message}</span>}
    </span>
  );
}
