import type { ReactNode } from "react";

/** The frame of the public account pages (sign-in, invite, forgot and reset password): brand, then the page's card. */
export function AuthCard({ children }: { children: ReactNode }) {
  return (
    <main id="main" className="auth-shell">
      <div className="card auth-card">
        <div className="brand" aria-hidden="true">
          <span className="brand-mark">H</span> Helpdesk
        </div>
        {children}
      </div>
    </main>
  );
}
