import "@/styles/satisfaction.css";
import Link from "next/link";
import { limitPublicPage, optionalPageActor } from "@/auth/page-actor";
import { AuthCard } from "@/components/feedback/auth-card";
import { SatisfactionForm } from "@/components/satisfaction/satisfaction-form";
import { describeSatisfactionLink } from "@/domain/satisfaction/get-satisfaction";
import { SATISFACTION_COMMENT_MAX } from "@/domain/satisfaction/satisfaction.schemas";

export const metadata = { title: "How did we do?" };

type Props = { params: Promise<{ token: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

/**
 * Public (issue 13): the e-mailed single-use link. It authorises one answer about one resolution and
 * nothing else: it signs nobody in and shows the ticket's number and title only, never its conversation.
 * Opening it changes nothing (mail scanners prefetch links); the answer is the form's POST. `?rating=`
 * only preselects a choice.
 */
export default async function SatisfactionLinkPage({ params, searchParams }: Props) {
  const { token } = await params;
  // Token guessing through the page is held to the same per-address budget as the API (issue 9 item 8).
  await limitPublicPage();
  const session = await optionalPageActor();
  const link = await describeSatisfactionLink(token, session);
  const preset = (await searchParams).rating;
  return (
    <AuthCard>
      {link?.state === "open" ? (
        <>
          <h1>How did we do?</h1>
          <p className="muted">
            Ticket #{link.ticketNumber} “{link.ticketTitle}” was resolved. Did we help?
          </p>
          <SatisfactionForm
            target={{ kind: "link", token }}
            maxLength={SATISFACTION_COMMENT_MAX}
            initialRating={preset === "good" || preset === "bad" ? preset : undefined}
          />
        </>
      ) : (
        <>
          <h1>{link?.state === "answered" ? "Thank you, this was already answered" : "This link cannot be used"}</h1>
          <p className="muted">{LINK_MESSAGE[link?.state ?? "unknown"]}</p>
          <p>
            <Link href="/app" prefetch={false}>
              Go to the helpdesk
            </Link>
          </p>
        </>
      )}
    </AuthCard>
  );
}

const LINK_MESSAGE = {
  answered: "Each resolution is rated once, and this one already was.",
  closed: "The ticket was reopened since, or the link expired. If it is resolved again, you will be asked again.",
  someone_else: "This link was sent to someone else. Sign out first if it was sent to you.",
  unknown: "It is invalid or incomplete. Copy the whole link from the e-mail.",
} as const;
