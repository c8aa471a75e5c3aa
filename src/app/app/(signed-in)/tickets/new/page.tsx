import Link from "next/link";
import { can } from "@/auth/actor";
import { requirePageActor } from "@/auth/page-actor";
import { DESCRIPTION_MAX, TITLE_MAX } from "@/domain/tickets/tickets.schemas";
import { NewTicketForm } from "./new-ticket-form";

export const metadata = { title: "New ticket" };

export default async function NewTicketPage() {
  const actor = await requirePageActor();
  return (
    <main id="main" className="page page-narrow">
      <p className="breadcrumb">
        <Link href="/app" prefetch={false}>
          ← Back to the queue
        </Link>
      </p>
      <div className="page-head">
        <div>
          <h1>New ticket</h1>
          <p className="muted">Describe the problem; the more detail, the faster we can help.</p>
        </div>
      </div>
      <div className="card card-body">
        {/* Requesters open tickets at normal priority; triage is staff work (S19). */}
        <NewTicketForm canSetPriority={can(actor, "tickets.update.priority")} titleMax={TITLE_MAX} descriptionMax={DESCRIPTION_MAX} />
      </div>
    </main>
  );
}
