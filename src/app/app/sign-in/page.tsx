import { redirect } from "next/navigation";
import { optionalPageActor } from "@/auth/page-actor";
import { ForgetDrafts } from "@/components/drafts/draft-owner";
import { SignInForm } from "./sign-in-form";
import { safeNextPath } from "./safe-next";

export const metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const next = safeNextPath((await searchParams).next);
  // Someone already signed in has nothing to do here.
  if (await optionalPageActor()) redirect(next);
  return (
    <main id="main" className="auth-shell">
      <div className="card auth-card">
        <div className="brand" aria-hidden="true">
          <span className="brand-mark">H</span> Helpdesk
        </div>
        <h1>Sign in</h1>
        <p className="muted">Use the email and password your administrator gave you.</p>
        <SignInForm next={next} />
        {/* Whoever lands here has no session (signed out, expired, revoked): no draft survives it (F7). */}
        <ForgetDrafts />
      </div>
    </main>
  );
}
