import type { Metadata } from "next";
import Link from "next/link";
import "@/styles/attachments.css";
import { can } from "@/auth/actor";
import { requirePageActor } from "@/auth/page-actor";
import { pageMessages } from "@/components/messages/page-messages";
import { TICKET_MESSAGES } from "@/components/messages/ticket";
import { attachmentLimits } from "@/domain/attachments/attachment-limits";
import { getTicketDetail } from "@/domain/tickets/get-ticket-detail";
import { DESCRIPTION_MAX, TITLE_MAX, ZId } from "@/domain/tickets/tickets.schemas";
import { isAppError } from "@/lib/errors";
import { NewTicketForm, type FollowUp } from "./new-ticket-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await pageMessages(TICKET_MESSAGES);
  return { title: t("newTicket.title") };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/**
 * `?followUpOf=<id>`: the closed ticket this one continues (issue 11). Only a ticket the actor can see and
 * that is closed is offered; anything else (foreign, open, not an id) is a plain new ticket. The API
 * checks the same again when the form is sent.
 */
async function followUpOf(actor: Awaited<ReturnType<typeof requirePageActor>>, raw: string | string[] | undefined): Promise<FollowUp | null> {
  if (typeof raw !== "string" || !ZId.safeParse(raw).success) return null;
  try {
    const t = await getTicketDetail(actor, raw);
    return t.status === "closed" ? { id: t.id, number: t.number, title: t.title } : null;
  } catch (e) {
    if (isAppError(e) && e.kind === "not_found") return null;
    throw e;
  }
}

export default async function NewTicketPage({ searchParams }: Props) {
  const [actor, t] = await Promise.all([requirePageActor(), pageMessages(TICKET_MESSAGES)]);
  const followUp = await followUpOf(actor, (await searchParams).followUpOf);
  return (
    <main id="main" className="page page-narrow">
      <p className="breadcrumb">
        <Link href="/app" prefetch={false}>
          {t("ticketNav.backToQueue")}
        </Link>
      </p>
      <div className="page-head">
        <div>
          <h1>{t(followUp ? "newTicket.followUpTitle" : "newTicket.title")}</h1>
          <p className="muted">{t("newTicket.lead")}</p>
        </div>
      </div>
      <div className="card card-body">
        {/* Requesters open tickets at normal priority; triage is staff work (S19). */}
        <NewTicketForm
          canSetPriority={can(actor, "tickets.update.priority")}
          titleMax={TITLE_MAX}
          descriptionMax={DESCRIPTION_MAX}
          maxFileBytes={attachmentLimits().maxFileBytes}
          followUp={followUp}
        />
      </div>
    </main>
  );
}
