import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { optionalPageActor } from "@/auth/page-actor";
import { ForgetDrafts } from "@/components/drafts/draft-owner";
import { AuthCard } from "@/components/feedback/auth-card";
import { AUTH_MESSAGES } from "@/components/messages/auth";
import { pageMessages } from "@/components/messages/page-messages";
import { env } from "@/lib/env";
import { safeNextPath } from "./safe-next";
import { SignInForm } from "./sign-in-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await pageMessages(AUTH_MESSAGES);
  return { title: t("signIn.title") };
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const next = safeNextPath((await searchParams).next);
  // Someone already signed in has nothing to do here.
  if (await optionalPageActor()) redirect(next);
  const t = await pageMessages(AUTH_MESSAGES);
  return (
    <AuthCard>
      <h1>{t("signIn.title")}</h1>
      <SignInForm next={next} appOrigin={new URL(env().APP_URL).origin} />
      {/* Whoever lands here has no session (signed out, expired, revoked): no draft survives it (F7). */}
      <ForgetDrafts />
      <p>
        <Link href="/app/forgot-password" prefetch={false}>
          {t("auth.forgotPassword")}
        </Link>
      </p>
    </AuthCard>
  );
}
