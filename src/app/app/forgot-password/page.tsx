import Link from "next/link";
import { redirect } from "next/navigation";
import { optionalPageActor } from "@/auth/page-actor";
import { ForgetDrafts } from "@/components/drafts/draft-owner";
import { ForgotPasswordForm } from "./forgot-password-form";
import { AuthCard } from "@/components/feedback/auth-card";

export const metadata = { title: "Forgot password" };

/** Public (issue 12): asks for a reset link. The answer is the same whether the address has an account or not. */
export default async function ForgotPasswordPage() {
  if (await optionalPageActor()) redirect("/app");
  return (
    <AuthCard>
      <h1>Forgot your password?</h1>
      <p className="muted">Enter the e-mail address you sign in with. If it belongs to an account, we send a link to choose a new password.</p>
      <ForgotPasswordForm />
      {/* No session here (a signed-in visitor is sent on): no draft survives it (F7). */}
      <ForgetDrafts />
      <p>
        <Link href="/app/sign-in" prefetch={false}>
          Back to sign-in
        </Link>
      </p>
    </AuthCard>
  );
}
