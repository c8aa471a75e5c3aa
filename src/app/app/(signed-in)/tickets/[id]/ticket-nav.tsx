import Link from "next/link";
import type { QueueNeighbour } from "@/domain/tickets/queue-neighbours";

/**
 * Back to the queue view the ticket was opened from (its filters and page), and the previous and next
 * ticket of that view (issue 11; j and k do the same).
 */
export function TicketNav({
  backHref,
  previous,
  next,
  hrefOf,
}: {
  backHref: string;
  previous: QueueNeighbour | null;
  next: QueueNeighbour | null;
  hrefOf: (n: QueueNeighbour) => string | null;
}) {
  return (
    <nav className="ticket-nav" aria-label="Ticket navigation">
      <Link href={backHref} prefetch={false}>
        ← Back to the queue
      </Link>
      <span className="ticket-nav-steps">
        {previous ? (
          <Link href={hrefOf(previous) ?? "#"} prefetch={false} rel="prev" title={`#${previous.number} ${previous.title}`}>
            ‹ Previous ticket
          </Link>
        ) : (
          <span className="muted">‹ Previous ticket</span>
        )}
        {next ? (
          <Link href={hrefOf(next) ?? "#"} prefetch={false} rel="next" title={`#${next.number} ${next.title}`}>
            Next ticket ›
          </Link>
        ) : (
          <span className="muted">Next ticket ›</span>
        )}
      </span>
    </nav>
  );
}
