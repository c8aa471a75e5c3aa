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
