import type { Metadata } from "next";
import Link from "next/link";
import { limitPublicPage, optionalPageActor } from "@/auth/page-actor";
import { PASSWORD_MIN } from "@/auth/password-policy";
import { ForgetDrafts } from "@/components/drafts/draft-owner";
import { AuthCard } from "@/components/feedback/auth-card";
import { AUTH_MESSAGES } from "@/components/messages/auth";
import { pageMessages } from "@/components/messages/page-messages";
import { describeInvite } from "@/domain/admin/accept-invite";
import { AcceptInviteForm } from "./accept-invite-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await pageMessages(AUTH_MESSAGES);
  return { title: t("invite.metaTitle") };
}

/** Public (S17): the one-time link an admin handed out. Sets the password, then signs the invitee in. */
export default async function AcceptInvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  // Token guessing through the page is held to the same per-address budget as the API (issue 9 item 8).
  await limitPublicPage();
  const invite = await describeInvite(token);
  // The same session read limitPublicPage made (cached per request): without one, drafts left on this
  // browser belong to nobody here; the invitee is about to sign in (F7).
  const signedIn = (await optionalPageActor()) !== null;
  const t = await pageMessages(AUTH_MESSAGES);
  return (
    <AuthCard>
      {!signedIn && <ForgetDrafts />}
      {invite ? (
        <>
          <h1>{t("invite.welcome", { name: invite.name })}</h1>
          <p className="muted">{t("invite.intro", { email: invite.email })}</p>
          <AcceptInviteForm token={token} name={invite.name} email={invite.email} minLength={PASSWORD_MIN} />
        </>
      ) : (
        <>
          <h1>{t("invite.unusableTitle")}</h1>
          <p className="muted">{t("invite.unusableText")}</p>
          <p>
            <Link href="/app/sign-in" prefetch={false}>
              {t("invite.goToSignIn")}
            </Link>
          </p>
        </>
      )}
    </AuthCard>
  );
}
