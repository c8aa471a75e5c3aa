"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { sendJson } from "@/components/api/send-json";

export function MarkReadButton({ id }: { id: string }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <span>
      <button
        type="button"
        className="btn btn-quiet"
        disabled={busy}
        onClick={async () => {
          setBusy(true);
          const res = await sendJson("POST", `/api/notifications/${id}/read`, {});
          setBusy(false);
          if (res.ok) router.refresh();
          else setError(res.error.message);
        }}
      >
        Mark read
      </button>
      {error && <span role="alert"> {error}</span>}
    </span>
  );
}
