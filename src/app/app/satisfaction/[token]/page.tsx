import "@/styles/satisfaction.css";
import type { Metadata } from "next";
import Link from "next/link";
import { limitPublicPage, optionalPageActor } from "@/auth/page-actor";
import { AuthCard } from "@/components/feedback/auth-card";
import { pageMessages } from "@/components/messages/page-messages";
import { SATISFACTION_MESSAGES } from "@/components/messages/satisfaction";
import { SatisfactionForm } from "@/components/satisfaction/satisfaction-form";
import { describeSatisfactionLink } from "@/domain/satisfaction/get-satisfaction";
import { SATISFACTION_COMMENT_MAX } from "@/domain/satisfaction/satisfaction.schemas";

export async function generateMetadata(): Promise<Metadata> {
  const t = await pageMessages(SATISFACTION_MESSAGES);
  return { title: t("satisfaction.question") };
}

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
  const t = await pageMessages(SATISFACTION_MESSAGES);
  return (
    <AuthCard>
      {link?.state === "open" ? (
        <>
          <h1>{t("satisfaction.question")}</h1>
          <p className="muted">{t("satisfaction.resolvedIntro", { number: link.ticketNumber, title: link.ticketTitle })}</p>
          <SatisfactionForm
            target={{ kind: "link", token }}
            maxLength={SATISFACTION_COMMENT_MAX}
            initialRating={preset === "good" || preset === "bad" ? preset : undefined}
          />
        </>
      ) : (
        <>
          <h1>{link?.state === "answered" ? t("satisfaction.answeredTitle") : t("satisfaction.unusableTitle")}</h1>
          <p className="muted">{t(`satisfaction.link.${link?.state ?? "unknown"}`)}</p>
          <p>
            <Link href="/app" prefetch={false}>
              {t("satisfaction.goToHelpdesk")}
            </Link>
          </p>
        </>
      )}
    </AuthCard>
  );
}
