import Link from "next/link";
import { redirect } from "next/navigation";
import { optionalPageActor } from "@/auth/page-actor";
import { ForgetDrafts } from "@/components/drafts/draft-owner";
import { SignInForm } from "./sign-in-form";
import { safeNextPath } from "./safe-next";
import { AuthCard } from "@/components/feedback/auth-card";
import { env } from "@/lib/env";

export const metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const next = safeNextPath((await searchParams).next);
  // Someone already signed in has nothing to do here.
  if (await optionalPageActor()) redirect(next);
  return (
    <AuthCard>
      <h1>Sign in</h1>
      <SignInForm next={next} appOrigin={new URL(env().APP_URL).origin} />
      {/* Whoever lands here has no session (signed out, expired, revoked): no draft survives it (F7). */}
      <ForgetDrafts />
      <p>
        <Link href="/app/forgot-password" prefetch={false}>
          Forgot your password?
        </Link>
      </p>
    </AuthCard>
  );
}
