import type { ReactNode } from "react";
import { TimeStamp } from "@/components/time/time-stamp";
import type { TSatisfactionDto } from "@/domain/satisfaction/satisfaction-dto";

const RATING_LABEL = { good: "Good", bad: "Bad" } as const;

/**
 * The answers to "How did we do?" on a ticket, for its staff (issue 13). The comment is the requester's
 * text and is shown as text: React escapes it, nothing parses it as Markdown or HTML (S5). `time` words
 * the answer's time: the reader's zone on a page (TimeStamp, which needs the page's request); a test
 * rendering the list outside a request passes its own.
 */
export function SatisfactionAnswers({
  items,
  pending,
  time = (iso) => <TimeStamp value={iso} />,
}: {
  items: TSatisfactionDto[];
  pending: { resolution: number } | null;
  time?: (iso: string) => ReactNode;
}) {
  if (items.length === 0 && !pending) return <p className="muted">Not asked yet: the requester is asked when the ticket is resolved.</p>;
  return (
    <div className="satisfaction-answers">
      {pending && <p className="muted">Resolution {pending.resolution}: asked, no answer yet.</p>}
      <ul className="satisfaction-list">
        {items.map((r) => (
          <li key={r.id} className="satisfaction-item" data-rating={r.rating}>
            <p>
              <strong className={`satisfaction-rating satisfaction-${r.rating}`}>{RATING_LABEL[r.rating]}</strong>{" "}
              <span className="muted">
                resolution {r.resolution}, {time(r.answeredAt)}
              </span>
            </p>
            {r.comment && <p className="satisfaction-comment">{r.comment}</p>}
          </li>
        ))}
      </ul>
    </div>
  );
}
