"use client";

import { useState } from "react";
import { sendJson } from "@/components/api/send-json";
import { FormAlert } from "@/components/forms/field";
import { useFormSubmit } from "@/components/forms/use-form-submit";
import { AUDIT_MESSAGES } from "@/components/messages/audit";
import { useMessages } from "@/components/messages/use-messages";

interface Verification {
  ok: boolean;
  checkedEvents: number;
  lastSeq: number;
  problem: { kind: string; seq: number; detail: string } | null;
}

/** Runs the verifier now (POST /api/admin/audit/verify) and shows OK or the first bad event. */
export function VerifyChainButton() {
  const t = useMessages(AUDIT_MESSAGES);
  const { pending, error, run } = useFormSubmit();
  const [result, setResult] = useState<Verification | null>(null);

  const verify = () => run(() => sendJson<Verification>("POST", "/api/admin/audit/verify", {}), setResult);

  return (
    <div className="admin-verify">
      <button type="button" className="btn btn-primary" onClick={verify} disabled={pending} aria-busy={pending}>
        {t("chain.verify")}
      </button>
      <div aria-live="polite">
        <FormAlert inline message={error?.message} />
        {result?.ok && <p className="alert alert-success admin-verify-result">{t("chain.ok", { count: result.checkedEvents, lastSeq: result.lastSeq })}</p>}
        {result && !result.ok && result.problem && (
          <p className="alert alert-error admin-verify-result">
            {t("chain.broken", { seq: result.problem.seq, kind: result.problem.kind, detail: result.problem.detail })}
          </p>
        )}
      </div>
    </div>
  );
}
