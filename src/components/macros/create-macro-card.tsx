"use client";

import { useRouter } from "next/navigation";
import { MacroForm } from "./macro-form";
import type { Directory } from "./macro-types";

/** "New macro": the form, reset and the list refreshed after each creation. */
export function CreateMacroCard({ shared, directory, title }: { shared: boolean; directory: Directory; title: string }) {
  const router = useRouter();
  const titleId = shared ? "new-shared-macro-title" : "new-personal-macro-title";
  return (
    <section className="card card-body admin-card" aria-labelledby={titleId}>
      <h2 id={titleId}>{title}</h2>
      <MacroForm
        shared={shared}
        directory={directory}
        onSaved={(_, form) => {
          form.reset();
          router.refresh();
        }}
      />
    </section>
  );
}
