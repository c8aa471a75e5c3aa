import Link from "next/link";
import type { TicketTranslator } from "@/components/messages/ticket";
import type { QueueNeighbour } from "@/domain/tickets/queue-neighbours";

/**
 * Back to the queue view the ticket was opened from (its filters and page), and the previous and next
 * ticket of that view (issue 11; j and k do the same). `t`: the page's texts (messages/ticket.ts).
 */
export function TicketNav({
  backHref,
  previous,
  next,
  hrefOf,
  t,
}: {
  backHref: string;
  previous: QueueNeighbour | null;
  next: QueueNeighbour | null;
  hrefOf: (n: QueueNeighbour) => string | null;
  t: TicketTranslator;
}) {
  return (
    <nav className="ticket-nav" aria-label={t("ticketNav.label")}>
      <Link href={backHref} prefetch={false}>
        {t("ticketNav.backToQueue")}
      </Link>
      <span className="ticket-nav-steps">
        {previous ? (
          <Link
            href={hrefOf(previous) ?? "#"}
            prefetch={false}
            rel="prev"
            title={t("ticketNav.neighbourTitle", { number: previous.number, title: previous.title })}
          >
            {t("ticketNav.previous")}
          </Link>
        ) : (
          <span className="muted">{t("ticketNav.previous")}</span>
        )}
        {next ? (
          <Link href={hrefOf(next) ?? "#"} prefetch={false} rel="next" title={t("ticketNav.neighbourTitle", { number: next.number, title: next.title })}>
            {t("ticketNav.next")}
          </Link>
        ) : (
          <span className="muted">{t("ticketNav.next")}</span>
        )}
      </span>
    </nav>
  );
}
