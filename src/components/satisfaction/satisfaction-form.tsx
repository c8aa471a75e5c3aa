"use client";

import { useState } from "react";
import { sendJson } from "@/components/api/send-json";
import { Field, FormAlert } from "@/components/forms/field";
import { SubmitButton } from "@/components/forms/submit-button";
import { useFormSubmit } from "@/components/forms/use-form-submit";
import { SATISFACTION_MESSAGES } from "@/components/messages/satisfaction";
import { useMessages } from "@/components/messages/use-messages";

type Target = { kind: "link"; token: string } | { kind: "ticket"; ticketId: string; resolution: number };

/**
 * "How did we do?" (issue 13): good or bad, and an optional comment, sent once. The same form answers
 * through the e-mailed link (signed out) and on the ticket page (signed in); the server decides whether
 * the answer still counts (409 when this resolution was already rated or is no longer asked about).
 */
export function SatisfactionForm({ target, maxLength, initialRating }: { target: Target; maxLength: number; initialRating?: "good" | "bad" }) {
  const t = useMessages(SATISFACTION_MESSAGES);
  const { pending, error, fieldErrors, onSubmit } = useFormSubmit();
  const [done, setDone] = useState(false);

  const submit = onSubmit(
    async (data) => {
      const rating = data.get("rating");
      if (rating !== "good" && rating !== "bad") {
        return { ok: false as const, error: { status: 0, code: "invalid", fieldErrors: {}, message: t("satisfaction.chooseFirst") } };
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
        {t("satisfaction.thanks")}
      </p>
    );
  }
  return (
    <form onSubmit={submit} className="satisfaction-form" aria-label={t("satisfaction.question")}>
      <FormAlert message={error?.message} />
      <fieldset className="satisfaction-choices">
        <legend>{t("satisfaction.question")}</legend>
        <label>
          <input type="radio" name="rating" value="good" defaultChecked={initialRating === "good"} /> {t("satisfaction.answerGood")}
        </label>
        <label>
          <input type="radio" name="rating" value="bad" defaultChecked={initialRating === "bad"} /> {t("satisfaction.answerBad")}
        </label>
      </fieldset>
      <Field as="textarea" label={t("satisfaction.comment")} name="comment" maxLength={maxLength} rows={3} error={fieldErrors.comment} />
      <SubmitButton pending={pending}>{t("satisfaction.send")}</SubmitButton>
    </form>
  );
}
