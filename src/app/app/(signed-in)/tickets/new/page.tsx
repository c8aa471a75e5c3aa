import Link from "next/link";
import "@/styles/attachments.css";
import { can } from "@/auth/actor";
import { requirePageActor } from "@/auth/page-actor";
import { attachmentLimits } from "@/domain/attachments/attachment-limits";
import { getTicketDetail } from "@/domain/tickets/get-ticket-detail";
import { DESCRIPTION_MAX, TITLE_MAX, ZId } from "@/domain/tickets/tickets.schemas";
import { isAppError } from "@/lib/errors";
import { NewTicketForm, type FollowUp } from "./new-ticket-form";

export const metadata = { title: "New ticket" };

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
  const actor = await requirePageActor();
  const followUp = await followUpOf(actor, (await searchParams).followUpOf);
  return (
    <main id="main" className="page page-narrow">
      <p className="breadcrumb">
        <Link href="/app" prefetch={false}>
          ← Back to the queue
        </Link>
      </p>
      <div className="page-head">
        <div>
          <h1>{followUp ? "Follow-up ticket" : "New ticket"}</h1>
          <p className="muted">Describe the problem; the more detail, the faster we can help.</p>
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
