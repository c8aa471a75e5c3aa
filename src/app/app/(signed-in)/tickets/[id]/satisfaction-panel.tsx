import { pageMessages } from "@/components/messages/page-messages";
import { TICKET_MESSAGES } from "@/components/messages/ticket";
import { SatisfactionAnswers } from "@/components/satisfaction/satisfaction-answers";
import { SatisfactionForm } from "@/components/satisfaction/satisfaction-form";
import type { TTicketSatisfaction } from "@/domain/satisfaction/get-satisfaction";
import { SATISFACTION_COMMENT_MAX } from "@/domain/satisfaction/satisfaction.schemas";

/**
 * The ticket page's "How did we do?" (issue 13): staff read every answer; the requester answers the open
 * question here (their session is the credential, the same one-answer rule as the e-mailed link) and sees
 * what they answered. Nothing shows a requester anyone else's answer.
 */
export async function SatisfactionPanel({ ticketId, staff, satisfaction }: { ticketId: string; staff: boolean; satisfaction: TTicketSatisfaction }) {
  const { items, pending } = satisfaction;
  if (!staff && !pending && items.length === 0) return null;
  const t = await pageMessages(TICKET_MESSAGES);
  return (
    <section className="card card-body" aria-labelledby="satisfaction-title" id="satisfaction">
      <h2 id="satisfaction-title" className="aside-title">
        {t("satisfaction.title")}
      </h2>
      {staff ? (
        <SatisfactionAnswers items={items} pending={pending} />
      ) : (
        <>
          {pending?.forYou && <SatisfactionForm target={{ kind: "ticket", ticketId, resolution: pending.resolution }} maxLength={SATISFACTION_COMMENT_MAX} />}
          {items.map((r) => (
            <p key={r.id} className="muted">
              {t(r.rating === "good" ? "satisfaction.yourAnswer.good" : "satisfaction.yourAnswer.bad", { resolution: r.resolution })}
            </p>
          ))}
        </>
      )}
    </section>
  );
}
