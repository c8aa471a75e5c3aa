import Link from "next/link";
import { limitPublicPage } from "@/auth/page-actor";
import { PASSWORD_MIN } from "@/auth/password-policy";
import { ResetPasswordForm } from "./reset-password-form";
import { AuthCard } from "@/components/feedback/auth-card";

export const metadata = { title: "Choose a new password" };

/**
 * Public (issue 12): the page the e-mailed reset link opens. The token is in the URL's fragment
 * (#token=…), which browsers never send to a server, write to logs or pass on as a referrer; the form
 * reads it and posts it to Better Auth's reset-password endpoint with the new password.
 */
export default async function ResetPasswordPage() {
  await limitPublicPage();
  return (
    <AuthCard>
      <h1>Choose a new password</h1>
      <p className="muted">Choosing a new password signs you out on every device.</p>
      <ResetPasswordForm minLength={PASSWORD_MIN} />
      <p>
        <Link href="/app/sign-in" prefetch={false}>
          Back to sign-in
        </Link>
      </p>
    </AuthCard>
  );
}
