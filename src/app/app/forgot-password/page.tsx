import Link from "next/link";
import { redirect } from "next/navigation";
import { optionalPageActor } from "@/auth/page-actor";
import { ForgotPasswordForm } from "./forgot-password-form";

export const metadata = { title: "Forgot password" };

/** Public (issue 12): asks for a reset link. The answer is the same whether the address has an account or not. */
export default async function ForgotPasswordPage() {
  if (await optionalPageActor()) redirect("/app");
  return (
    <main id="main" className="auth-shell">
      <div className="card auth-card">
        <div className="brand" aria-hidden="true">
          <span className="brand-mark">H</span> Helpdesk
        </div>
        <h1>Forgot your password?</h1>
        <p className="muted">Enter the e-mail address you sign in with. If it belongs to an account, we send a link to choose a new password.</p>
        <ForgotPasswordForm />
        <p>
          <Link href="/app/sign-in" prefetch={false}>
            Back to sign-in
          </Link>
        </p>
      </div>
    </main>
  );
}
