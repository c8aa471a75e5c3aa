"use client";

import { useState } from "react";
import { sendJson } from "@/components/api/send-json";
import { FormAlert } from "@/components/forms/field";
import { useFormSubmit } from "@/components/forms/use-form-submit";

interface Verification {
  ok: boolean;
  checkedEvents: number;
  lastSeq: number;
  problem: { kind: string; seq: number; detail: string } | null;
}

/** Runs the verifier now (POST /api/admin/audit/verify) and shows OK or the first bad event. */
export function VerifyChainButton() {
  const { pending, error, run } = useFormSubmit();
  const [result, setResult] = useState<Verification | null>(null);

  const verify = () => run(() => sendJson<Verification>("POST", "/api/admin/audit/verify", {}), setResult);

  return (
    <div className="admin-verify">
      <button type="button" className="btn btn-primary" onClick={verify} disabled={pending} aria-busy={pending}>
        Verify chain
      </button>
      <div aria-live="polite">
        <FormAlert inline message={error?.message} />
        {result?.ok && (
          <p className="alert alert-success admin-verify-result">
            OK: {result.checkedEvents} events checked, the chain is intact up to event #{result.lastSeq}.
          </p>
        )}
        {result && !result.ok && result.problem && (
          <p className="alert alert-error admin-verify-result">
            Broken at event #{result.problem.seq} ({result.problem.kind}): {result.problem.detail}
          </p>
        )}
      </div>
    </div>
  );
}
