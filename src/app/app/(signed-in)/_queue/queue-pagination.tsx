import Link from "next/link";
import { queueHref, type QueueFilters } from "./queue-params";

/**
 * Keyset pagination has no page numbers: Previous and Next (issue 11) from the positions of this page's
 * first and last rows, and a way back to the start. Every link keeps the filters and the saved view.
 */
export function QueuePagination({
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
  return (
    <nav className="pagination" aria-label="Pagination">
      <span className="muted">
        {shown} {shown === 1 ? "ticket" : "tickets"} on this page
      </span>
      <div className="pagination-links">
        {!atStart && (
          <Link className="btn btn-quiet" href={queueHref(filters, { view })} prefetch={false}>
            First page
          </Link>
        )}
        {prevCursor && (
          <Link className="btn" href={queueHref(filters, { view, before: prevCursor })} rel="prev" prefetch={false}>
            Previous page
          </Link>
        )}
        {nextCursor && (
          <Link className="btn" href={queueHref(filters, { view, cursor: nextCursor })} rel="next" prefetch={false}>
            Next page
          </Link>
        )}
      </div>
    </nav>
  );
}
