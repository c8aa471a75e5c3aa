"use client";

import { useState } from "react";
import { sendJson } from "@/components/api/send-json";
import { Field, FormAlert } from "@/components/forms/field";
import { SubmitButton } from "@/components/forms/submit-button";
import { useFormSubmit } from "@/components/forms/use-form-submit";

type Target = { kind: "link"; token: string } | { kind: "ticket"; ticketId: string; resolution: number };

/**
 * "How did we do?" (issue 13): good or bad, and an optional comment, sent once. The same form answers
 * through the e-mailed link (signed out) and on the ticket page (signed in); the server decides whether
 * the answer still counts (409 when this resolution was already rated or is no longer asked about).
 */
export function SatisfactionForm({ target, maxLength, initialRating }: { target: Target; maxLength: number; initialRating?: "good" | "bad" }) {
  const { pending, error, fieldErrors, onSubmit } = useFormSubmit();
  const [done, setDone] = useState(false);

  const submit = onSubmit(
    async (data) => {
      const rating = data.get("rating");
      if (rating !== "good" && rating !== "bad") {
        return { ok: false as const, error: { status: 0, code: "invalid", fieldErrors: {}, message: "Choose good or bad first." } };
      }
      const comment = String(data.get("comment") ?? "").trim() || undefined;
      return target.kind === "link"
        ? sendJson("POST", `/api/satisfaction/${encodeURIComponent(target.token)}`, { rating, comment })
        : sendJson("POST", `/api/tickets/${target.ticketId}/satisfaction`, { rating, comment, resolution: target.resolution });
    },
    () => setDone(true),
    { leaves: true },
  );

  if (done) {
    return (
      <p role="status" className="satisfaction-thanks">
        Thank you: your answer was recorded.
      </p>
    );
  }
  return (
    <form onSubmit={submit} className="satisfaction-form" aria-label="How did we do?">
      <FormAlert message={error?.message} />
      <fieldset className="satisfaction-choices">
        <legend>How did we do?</legend>
        <label>
          <input type="radio" name="rating" value="good" defaultChecked={initialRating === "good"} /> Good, I was helped
        </label>
        <label>
          <input type="radio" name="rating" value="bad" defaultChecked={initialRating === "bad"} /> Bad, I was not helped
        </label>
      </fieldset>
      <Field as="textarea" label="Comment (optional)" name="comment" maxLength={maxLength} rows={3} error={fieldErrors.comment} />
      <SubmitButton pending={pending}>Send answer</SubmitButton>
    </form>
  );
}
