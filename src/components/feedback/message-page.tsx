import type { ReactNode } from "react";

/** The shared frame of the 404 and error pages: a code, a headline, a sentence and what to do next. */
export function MessagePage({ code, title, children, actions }: { code: string; title: string; children: ReactNode; actions: ReactNode }) {
  return (
    <main id="main" className="card message-page">
      <p className="message-code">{code}</p>
      <h1>{title}</h1>
      <p>{children}</p>
      <div className="form-actions">{actions}</div>
    </main>
  );
}
