import type { ReactNode } from "react";
import { pageMessages } from "@/components/messages/page-messages";
import { richText } from "@/components/messages/rich-text";
import { SATISFACTION_MESSAGES, type SatisfactionTranslator } from "@/components/messages/satisfaction";
import { TimeStamp } from "@/components/time/time-stamp";
import type { TSatisfactionDto } from "@/domain/satisfaction/satisfaction-dto";

type Props = { items: TSatisfactionDto[]; pending: { resolution: number } | null };

/**
 * The answers to "How did we do?" on a ticket, for its staff (issue 13), in the reader's zone and language
 * for this page request.
 */
export async function SatisfactionAnswers({ items, pending }: Props) {
  return <SatisfactionAnswerList items={items} pending={pending} t={await pageMessages(SATISFACTION_MESSAGES)} time={(iso) => <TimeStamp value={iso} />} />;
}

/**
 * The list itself. The comment is the requester's text and is shown as text: React escapes it, nothing
 * parses it as Markdown or HTML (S5). `t` and `time` word it: a page passes the request's (above); a test
 * rendering the list outside a request passes its own.
 */
export function SatisfactionAnswerList({ items, pending, t, time }: Props & { t: SatisfactionTranslator; time: (iso: string) => ReactNode }) {
  if (items.length === 0 && !pending) return <p className="muted">{t("satisfaction.notAsked")}</p>;
  return (
    <div className="satisfaction-answers">
      {pending && <p className="muted">{t("satisfaction.pending", { resolution: pending.resolution })}</p>}
      <ul className="satisfaction-list">
        {items.map((r) => (
          <li key={r.id} className="satisfaction-item" data-rating={r.rating}>
            <p>
              <strong className={`satisfaction-rating satisfaction-${r.rating}`}>{t(`satisfaction.rating.${r.rating}`)}</strong>{" "}
              <span className="muted">{richText(t("satisfaction.answeredAt", { resolution: r.resolution }), { time: time(r.answeredAt) })}</span>
            </p>
            {r.comment && <p className="satisfaction-comment">{r.comment}</p>}
          </li>
        ))}
      </ul>
    </div>
  );
}
