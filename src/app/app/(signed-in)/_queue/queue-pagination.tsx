import Link from "next/link";
import { queueHref, type QueueFilters } from "./queue-params";

/** Keyset pagination has no page numbers: a way forward (the cursor) and a way back to the start. */
export function QueuePagination({ filters, cursor, nextCursor, shown }: { filters: QueueFilters; cursor?: string; nextCursor: string | null; shown: number }) {
  if (!cursor && !nextCursor) return null;
  return (
    <nav className="pagination" aria-label="Pagination">
      <span className="muted">
        {shown} {shown === 1 ? "ticket" : "tickets"} on this page
      </span>
      <div className="pagination-links">
        {cursor && (
          <Link className="btn" href={queueHref(filters)} prefetch={false}>
            First page
          </Link>
        )}
        {nextCursor && (
          <Link className="btn" href={queueHref(filters, nextCursor)} rel="next" prefetch={false}>
            Next page
          </Link>
        )}
      </div>
    </nav>
  );
}
