import Link from "next/link";
import { limitPublicPage, optionalPageActor } from "@/auth/page-actor";
import { PASSWORD_MIN } from "@/auth/password-policy";
import { ForgetDrafts } from "@/components/drafts/draft-owner";
import { describeInvite } from "@/domain/admin/accept-invite";
import { AcceptInviteForm } from "./accept-invite-form";

export const metadata = { title: "Accept invite" };

/** Public (S17): the one-time link an admin handed out. Sets the password, then signs the invitee in. */
export default async function AcceptInvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  // Token guessing through the page is held to the same per-address budget as the API (issue 9 item 8).
  await limitPublicPage();
  const invite = await describeInvite(token);
  // The same session read limitPublicPage made (cached per request): without one, drafts left on this
  // browser belong to nobody here; the invitee is about to sign in (F7).
  const signedIn = (await optionalPageActor()) !== null;
  return (
    <main id="main" className="auth-shell">
      {!signedIn && <ForgetDrafts />}
      <div className="card auth-card">
        <div className="brand" aria-hidden="true">
          <span className="brand-mark">H</span> Helpdesk
        </div>
        {invite ? (
          <>
            <h1>Welcome, {invite.name}</h1>
            <p className="muted">Choose a password for {invite.email} to finish setting up your account.</p>
            <AcceptInviteForm token={token} name={invite.name} email={invite.email} minLength={PASSWORD_MIN} />
          </>
        ) : (
          <>
            <h1>This invite link cannot be used</h1>
            <p className="muted">It is invalid, has expired or was already used. Ask your administrator for a new one.</p>
            <p>
              <Link href="/app/sign-in" prefetch={false}>
                Go to sign-in
              </Link>
            </p>
          </>
        )}
      </div>
    </main>
  );
}
