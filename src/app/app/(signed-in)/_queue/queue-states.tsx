import Link from "next/link";
import { pageMessages } from "@/components/messages/page-messages";
import { QUEUE_MESSAGES } from "@/components/messages/queue";

export async function QueueEmpty({ filtered }: { filtered: boolean }) {
  const t = await pageMessages(QUEUE_MESSAGES);
  if (filtered) {
    return (
      <div className="empty-state">
        <h2>{t("queue.empty.filteredTitle")}</h2>
        <p>{t("queue.empty.filteredText")}</p>
        <Link href="/app" prefetch={false} className="btn">
          {t("queue.empty.clearFilters")}
        </Link>
      </div>
    );
  }
  return (
    <div className="empty-state">
      <h2>{t("queue.empty.title")}</h2>
      <p>{t("queue.empty.text")}</p>
      <Link href="/app/tickets/new" className="btn btn-primary">
        {t("queue.empty.openTicket")}
      </Link>
    </div>
  );
}

/** A hand-edited or stale URL: say so plainly and offer the way back, rather than an error page. */
export async function QueueInvalid() {
  const t = await pageMessages(QUEUE_MESSAGES);
  return (
    <div className="empty-state" role="alert">
      <h2>{t("queue.invalid.title")}</h2>
      <p>{t("queue.invalid.text")}</p>
      <Link href="/app" prefetch={false} className="btn">
        {t("queue.invalid.reset")}
      </Link>
    </div>
  );
}
