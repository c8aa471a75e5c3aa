"use client";

import { useRouter } from "next/navigation";
import { sendJson } from "@/components/api/send-json";
import { FormAlert } from "@/components/forms/field";
import { useFormSubmit } from "@/components/forms/use-form-submit";

/** Accept (the mail is processed as if it had passed) or drop a held mail; both audited by the API. */
export function HeldMailActions({ id, subject }: { id: string; subject: string }) {
  const router = useRouter();
  const { pending, error, run } = useFormSubmit();
  const decide = (verb: "accept" | "drop") =>
    run(
      () => sendJson("POST", `/api/admin/held-mails/${id}/${verb}`, {}),
      () => router.refresh(),
    );
  return (
    <div className="admin-actions">
      <button type="button" className="btn admin-btn-small" disabled={pending} onClick={() => decide("accept")}>
        Accept<span className="sr-only"> “{subject}”</span>
      </button>
      <button type="button" className="btn btn-quiet admin-btn-small" disabled={pending} onClick={() => decide("drop")}>
        Drop<span className="sr-only"> “{subject}”</span>
      </button>
      <FormAlert inline message={error?.message} />
    </div>
  );
}
