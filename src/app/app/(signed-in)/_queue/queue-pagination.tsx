import Link from "next/link";
import { pageMessages } from "@/components/messages/page-messages";
import { QUEUE_MESSAGES } from "@/components/messages/queue";
import { queueHref, type QueueFilters } from "./queue-params";

/**
 * Keyset pagination has no page numbers: Previous and Next (issue 11) from the positions of this page's
 * first and last rows, and a way back to the start. Every link keeps the filters and the saved view.
 */
export async function QueuePagination({
  filters,
  view,
  atStart,
  prevCursor,
  nextCursor,
  shown,
}: {
  filters: QueueFilters;
  view?: string;
  atStart: boolean;
  prevCursor: string | null;
  nextCursor: string | null;
  shown: number;
}) {
  if (atStart && !prevCursor && !nextCursor) return null;
  const t = await pageMessages(QUEUE_MESSAGES);
  return (
    <nav className="pagination" aria-label={t("queue.pages.label")}>
      <span className="muted">{t("queue.pages.shown", { count: shown })}</span>
      <div className="pagination-links">
        {!atStart && (
          <Link className="btn btn-quiet" href={queueHref(filters, { view })} prefetch={false}>
            {t("queue.pages.first")}
          </Link>
        )}
        {prevCursor && (
          <Link className="btn" href={queueHref(filters, { view, before: prevCursor })} rel="prev" prefetch={false}>
            {t("queue.pages.previous")}
          </Link>
        )}
        {nextCursor && (
          <Link className="btn" href={queueHref(filters, { view, cursor: nextCursor })} rel="next" prefetch={false}>
            {t("queue.pages.next")}
          </Link>
        )}
      </div>
    </nav>
  );
}
