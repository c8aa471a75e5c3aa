import type { Metadata } from "next";
import Link from "next/link";
import { limitPublicPage } from "@/auth/page-actor";
import { PASSWORD_MIN } from "@/auth/password-policy";
import { AuthCard } from "@/components/feedback/auth-card";
import { AUTH_MESSAGES } from "@/components/messages/auth";
import { pageMessages } from "@/components/messages/page-messages";
import { ResetPasswordForm } from "./reset-password-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await pageMessages(AUTH_MESSAGES);
  return { title: t("reset.title") };
}

/**
 * Public (issue 12): the page the e-mailed reset link opens. The token is in the URL's fragment
 * (#token=…), which browsers never send to a server, write to logs or pass on as a referrer; the form
 * reads it and posts it to Better Auth's reset-password endpoint with the new password.
 */
export default async function ResetPasswordPage() {
  await limitPublicPage();
  const t = await pageMessages(AUTH_MESSAGES);
  return (
    <AuthCard>
      <h1>{t("reset.title")}</h1>
      <p className="muted">{t("reset.intro")}</p>
      <ResetPasswordForm minLength={PASSWORD_MIN} />
      <p>
        <Link href="/app/sign-in" prefetch={false}>
          {t("auth.backToSignIn")}
        </Link>
      </p>
    </AuthCard>
  );
}
