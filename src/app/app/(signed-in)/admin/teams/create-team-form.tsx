"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { sendJson } from "@/components/api/send-json";

export function CreateTeamForm() {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    setPending(true);
    setError(null);
    const result = await sendJson("POST", "/api/admin/teams", { name: String(new FormData(form).get("name") ?? "") });
    setPending(false);
    if (!result.ok) return setError(result.error.message);
    form.reset();
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit} className="admin-inline-form">
      <div className="field">
        <label htmlFor="new-team-name">Team name</label>
        <input id="new-team-name" name="name" className="input" required maxLength={100} aria-invalid={error ? true : undefined} aria-describedby={error ? "new-team-error" : undefined} />
        {error && (
          <p id="new-team-error" className="field-error" role="alert">
            {error}
          </p>
        )}
      </div>
      <div className="admin-filters-actions">
        <button type="submit" className="btn btn-primary" disabled={pending} aria-busy={pending}>
          Create team
        </button>
      </div>
    </form>
  );
}
