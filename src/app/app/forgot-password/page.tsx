import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { optionalPageActor } from "@/auth/page-actor";
import { ForgetDrafts } from "@/components/drafts/draft-owner";
import { AuthCard } from "@/components/feedback/auth-card";
import { AUTH_MESSAGES } from "@/components/messages/auth";
import { pageMessages } from "@/components/messages/page-messages";
import { ForgotPasswordForm } from "./forgot-password-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await pageMessages(AUTH_MESSAGES);
  return { title: t("forgot.metaTitle") };
}

/** Public (issue 12): asks for a reset link. The answer is the same whether the address has an account or not. */
export default async function ForgotPasswordPage() {
  if (await optionalPageActor()) redirect("/app");
  const t = await pageMessages(AUTH_MESSAGES);
  return (
    <AuthCard>
      <h1>{t("auth.forgotPassword")}</h1>
      <p className="muted">{t("forgot.intro")}</p>
      <ForgotPasswordForm />
      {/* No session here (a signed-in visitor is sent on): no draft survives it (F7). */}
      <ForgetDrafts />
      <p>
        <Link href="/app/sign-in" prefetch={false}>
          {t("auth.backToSignIn")}
        </Link>
      </p>
    </AuthCard>
  );
}
