import Link from "next/link";
import "@/styles/attachments.css";
import { notFound } from "next/navigation";
import { orNotFound, requirePageActor } from "@/auth/page-actor";
import { Markdown } from "@/components/markdown";
import { PriorityBadge, StatusBadge } from "@/components/tickets/ticket-badges";
import { TimeStamp } from "@/components/time/time-stamp";
import { COMMENT_MAX } from "@/domain/comments/comments.schemas";
import { attachmentLimits } from "@/domain/attachments/attachment-limits";
import { getTicketView } from "@/domain/tickets/get-ticket-view";
import { ZId } from "@/domain/tickets/tickets.schemas";
import { AttachmentsPanel } from "./attachments-panel";
import { CommentForm } from "./comment-form";
import { CommentThread } from "./comment-thread";
import { RequesterActions } from "./requester-actions";
import { StaffControls } from "./staff-controls";
import { SlaPanel } from "./sla-panel";
import { TicketFacts } from "./ticket-facts";

export const metadata = { title: "Ticket" };

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function TicketPage({ params, searchParams }: Props) {
  const actor = await requirePageActor();
  const { id } = await params;
  // Not an id, another organization's ticket, or none at all: the same 404 with no data (S10).
  if (!ZId.safeParse(id).success) notFound();
  const after = (await searchParams).comments;
  const view = await orNotFound(getTicketView(actor, id, { commentsCursor: typeof after === "string" ? after : undefined }));
  const { ticket, comments, directory, names } = view;
  const limits = attachmentLimits();

  const { actions } = view;
  const staff = { status: actions.setStatus, priority: actions.setPriority, assign: actions.assign };
  const hasStaffControls = staff.status || staff.priority || staff.assign;
  const teamName = ticket.teamId ? (directory?.teams.find((t) => t.id === ticket.teamId)?.name ?? null) : null;

  return (
    <main id="main" className="page">
      <p className="breadcrumb">
        <Link href="/app" prefetch={false}>
          ← Back to the queue
        </Link>
      </p>
      <div className="ticket-layout">
        <div>
          <header className="ticket-head">
            <h1>{ticket.title}</h1>
            <div className="ticket-head-meta">
              <span className="ticket-number">#{ticket.number}</span>
              <StatusBadge status={ticket.status} />
              <PriorityBadge priority={ticket.priority} />
              <span>
                opened by {names.get(ticket.requesterId) ?? "Unknown user"} <TimeStamp value={ticket.createdAt} />
              </span>
            </div>
          </header>

          <section className="card card-body" aria-labelledby="description-title">
            <h2 id="description-title" className="sr-only">
              Description
            </h2>
            {ticket.descriptionMd.trim() ? <Markdown source={ticket.descriptionMd} /> : <p className="empty-description">No description.</p>}
          </section>

          <section className="card card-body section-title" aria-labelledby="attachments-title">
            <h2 id="attachments-title" className="aside-title">
              Attachments
            </h2>
            <AttachmentsPanel ticketId={ticket.id} items={view.attachments.items} maxBytes={limits.maxFileBytes} maxCount={limits.perTicket} />
          </section>

          <h2 className="section-title" id="conversation-title">
            Conversation
          </h2>
          <CommentThread ticketId={ticket.id} comments={comments.items} names={names} nextCursor={comments.nextCursor} fromCursor={comments.fromCursor} />

          {/* No aria-label here: "Reply" must name exactly one thing, the textarea. */}
          <section className="card card-body section-title">
            {ticket.status === "closed" ? (
              // A closed ticket takes no more replies (409 ticket_closed): what follows is a follow-up ticket.
              <p className="muted">This ticket is closed and takes no more replies.</p>
            ) : (
              <CommentForm ticketId={ticket.id} canWriteInternal={actions.writeInternal} maxLength={COMMENT_MAX} />
            )}
          </section>
        </div>

        <aside className="stack" aria-label="Ticket details">
          {hasStaffControls && directory && (
            <section className="card card-body" aria-labelledby="controls-title">
              <h2 id="controls-title" className="aside-title">
                Triage
              </h2>
              <StaffControls
                ticketId={ticket.id}
                current={{ status: ticket.status, priority: ticket.priority, assigneeId: ticket.assigneeId, teamId: ticket.teamId }}
                allowed={staff}
                agents={directory.agents.map((a) => ({ id: a.id, name: a.label }))}
                teams={directory.teams}
                assigneeName={ticket.assigneeId ? (names.get(ticket.assigneeId) ?? null) : null}
              />
            </section>
          )}
          <section className="card card-body" aria-labelledby="facts-title">
            <h2 id="facts-title" className="aside-title">
              Details
            </h2>
            <TicketFacts
              ticket={ticket}
              requesterName={names.get(ticket.requesterId) ?? null}
              assigneeName={ticket.assigneeId ? (names.get(ticket.assigneeId) ?? null) : null}
              teamName={teamName}
              showTeam={directory !== null}
            />
            <SlaPanel sla={ticket.sla} />
            {actions.closeOrReopenOwn && <RequesterActions ticketId={ticket.id} status={ticket.status} />}
          </section>
        </aside>
      </div>
    </main>
  );
}
