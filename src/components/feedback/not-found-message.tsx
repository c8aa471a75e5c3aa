import Link from "next/link";
import { browserMessages } from "@/components/messages/browser-messages";
import { FEEDBACK_MESSAGES } from "@/components/messages/feedback";
import { MessagePage } from "./message-page";

// Deliberately says nothing about why: a ticket of another organization, a malformed id and one that never
// existed must look exactly the same (S10). Worded in the browser's language, without a session read
// (messages/browser-messages.ts): a mistyped address costs no page budget.
export async function NotFoundMessage() {
  const t = await browserMessages(FEEDBACK_MESSAGES);
  return (
    <MessagePage
      code="404"
      title={t("notFound.title")}
      actions={
        <Link className="btn btn-primary" href="/app" prefetch={false}>
          {t("feedback.backToQueue")}
        </Link>
      }
    >
      {t("notFound.body")}
    </MessagePage>
  );
}
