import type { Metadata } from "next";
import Link from "next/link";
import "@/styles/attachments.css";
import "@/styles/macros.css";
import "@/styles/satisfaction.css";
import { notFound } from "next/navigation";
import { can } from "@/auth/actor";
import { orNotFound, requirePageActor } from "@/auth/page-actor";
import { Markdown } from "@/components/markdown";
import { pageMessages } from "@/components/messages/page-messages";
import { richText } from "@/components/messages/rich-text";
import { TICKET_MESSAGES } from "@/components/messages/ticket";
import type { Directory } from "@/components/tickets/activity-text";
import { PriorityBadge, StatusBadge } from "@/components/tickets/ticket-badges";
import { TimeStamp } from "@/components/time/time-stamp";
import { COMMENT_MAX } from "@/domain/comments/comments.schemas";
import { attachmentLimits } from "@/domain/attachments/attachment-limits";
import { getTicketView, type TTicketView } from "@/domain/tickets/get-ticket-view";
import { ZId, ZListTicketsQuery } from "@/domain/tickets/tickets.schemas";
import { readFromParam, ticketHref } from "../../_queue/queue-params";
import { AttachmentsPanel } from "./attachments-panel";
import { SatisfactionPanel } from "./satisfaction-panel";
import { CommentThread } from "./comment-thread";
import { Composer } from "./composer";
import { ComposerMacros } from "./composer-macros";
import { RequesterActions } from "./requester-actions";
import { SlaPanel } from "./sla-panel";
import { StaffControls } from "./staff-controls";
import { TicketFacts } from "./ticket-facts";
import { TicketNav } from "./ticket-nav";
import { PresenceLine, TicketLive } from "./ticket-live";
import { TicketSession } from "./ticket-session";
import { TicketShortcuts } from "./ticket-shortcuts";

export async function generateMetadata(): Promise<Metadata> {
  const t = await pageMessages(TICKET_MESSAGES);
  return { title: t("ticket.metaTitle") };
}

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

/** Names the page can show for ids on it: the people it resolved, every agent and team for staff. */
function directoryOf(view: TTicketView): Directory {
  const people: Record<string, string> = Object.fromEntries(view.names);
  for (const a of view.directory?.agents ?? []) people[a.id] ??= a.label;
  return { people, teams: Object.fromEntries((view.directory?.teams ?? []).map((t) => [t.id, t.name])) };
}

export default async function TicketPage({ params, searchParams }: Props) {
  const [actor, t] = await Promise.all([requirePageActor(), pageMessages(TICKET_MESSAGES)]);
  const { id } = await params;
  // Not an id, another organization's ticket, or none at all: the same 404 with no data (S10).
  if (!ZId.safeParse(id).success) notFound();
  const search = await searchParams;
  const after = search.comments;
  // The queue view this ticket was opened from (`?from=`, issue 11): next/previous stay inside it.
  const from = readFromParam(search.from);
  const queue = ZListTicketsQuery.safeParse({ ...from.filters, cursor: undefined });
  const view = await orNotFound(
    getTicketView(actor, id, {
      commentsCursor: typeof after === "string" ? after : undefined,
      queue: queue.success ? queue.data : undefined,
      satisfaction: true,
    }),
  );
  const { ticket, comments, directory, names, actions, neighbours } = view;
  const limits = attachmentLimits();
  const { satisfaction } = view;
  const people = directoryOf(view);

  const staff = { status: actions.setStatus, priority: actions.setPriority, assign: actions.assign, tag: actions.tag };
  const hasStaffControls = staff.status || staff.priority || staff.assign || staff.tag;
  const teamName = ticket.teamId ? (directory?.teams.find((t) => t.id === ticket.teamId)?.name ?? null) : null;
  const backHref = from.query ? `/app?${from.query}` : "/app";
  const hrefOf = (n: { id: string } | null | undefined) => (n ? ticketHref(n.id, from.query) : null);

  return (
    <main id="main" className="page">
      <TicketSession ticketId={ticket.id} userId={actor.userId} version={ticket.version} directory={people}>
        <TicketLive ticketId={ticket.id}>
          <TicketNav backHref={backHref} previous={neighbours?.previous ?? null} next={neighbours?.next ?? null} hrefOf={hrefOf} t={t} />
          <div className="ticket-layout">
            <div>
              <header className="ticket-head">
                <h1>{ticket.title}</h1>
                <div className="ticket-head-meta">
                  <span className="ticket-number">#{ticket.number}</span>
                  <StatusBadge status={ticket.status} />
                  {ticket.priority && <PriorityBadge priority={ticket.priority} />}
                  <span>
                    {richText(t("ticket.openedBy"), {
                      name: names.get(ticket.requesterId) ?? t("ticket.unknownUser"),
                      time: <TimeStamp value={ticket.createdAt} />,
                    })}
                  </span>
                </div>
                <PresenceLine />
              </header>

              <section className="card card-body" aria-labelledby="description-title">
                <h2 id="description-title" className="sr-only">
                  {t("ticket.description")}
                </h2>
                {ticket.descriptionMd.trim() ? <Markdown source={ticket.descriptionMd} /> : <p className="empty-description">{t("ticket.noDescription")}</p>}
              </section>

              <section className="card card-body section-title" aria-labelledby="attachments-title">
                <h2 id="attachments-title" className="aside-title">
                  {t("ticket.attachments")}
                </h2>
                <AttachmentsPanel ticketId={ticket.id} items={view.attachments.items} maxBytes={limits.maxFileBytes} maxCount={limits.perTicket} />
              </section>

              <h2 className="section-title" id="conversation-title">
                {t("ticket.conversation")}
              </h2>
              <CommentThread
                ticketId={ticket.id}
                comments={comments.items}
                changes={view.activity}
                attachments={view.attachments.items}
                directory={people}
                nextCursor={comments.nextCursor}
                fromCursor={comments.fromCursor}
              />

              <section className="card card-body section-title">
                {ticket.status === "closed" ? (
                  // A closed ticket takes no more replies (409 ticket_closed): what follows is a follow-up ticket.
                  <div className="follow-up-offer">
                    <p>{t("ticket.closedNoReplies")}</p>
                    <Link href={`/app/tickets/new?followUpOf=${ticket.id}`} className="btn btn-primary" prefetch={false}>
                      {t("ticket.openFollowUp")}
                    </Link>
                  </div>
                ) : (
                  <Composer
                    staff={actions.writeInternal}
                    status={ticket.status}
                    maxLength={COMMENT_MAX}
                    maxFileBytes={limits.maxFileBytes}
                    // Macros (issue 11): staff only; their changes go through the session's writer.
                    tools={can(actor, "macros.use") ? <ComposerMacros /> : undefined}
                  />
                )}
              </section>
            </div>

            <aside className="stack" aria-label={t("ticket.details")}>
              {hasStaffControls && directory && ticket.priority && (
                <section className="card card-body" aria-labelledby="controls-title">
                  <h2 id="controls-title" className="aside-title">
                    {t("ticket.triage")}
                  </h2>
                  <StaffControls
                    current={{
                      status: ticket.status,
                      priority: ticket.priority,
                      assigneeId: ticket.assigneeId ?? null,
                      teamId: ticket.teamId ?? null,
                      tags: ticket.tags ?? [],
                    }}
                    allowed={staff}
                    agents={directory.agents.map((a) => ({ id: a.id, name: a.label }))}
                    teams={directory.teams}
                    assigneeName={ticket.assigneeId ? (names.get(ticket.assigneeId) ?? null) : null}
                  />
                </section>
              )}
              <section className="card card-body" aria-labelledby="facts-title">
                <h2 id="facts-title" className="aside-title">
                  {t("ticket.detailsTitle")}
                </h2>
                <TicketFacts
                  ticket={ticket}
                  requesterName={names.get(ticket.requesterId) ?? null}
                  assigneeName={ticket.assigneeId ? (names.get(ticket.assigneeId) ?? null) : null}
                  teamName={teamName}
                  showTeam={directory !== null}
                />
                {ticket.sla && <SlaPanel sla={ticket.sla} />}
                {actions.closeOrReopenOwn && <RequesterActions status={ticket.status} />}
              </section>
              {satisfaction && <SatisfactionPanel ticketId={ticket.id} staff={can(actor, "satisfaction.read.all")} satisfaction={satisfaction} />}
            </aside>
          </div>
          <TicketShortcuts
            nextHref={hrefOf(neighbours?.next)}
            previousHref={hrefOf(neighbours?.previous)}
            searchHref={`${backHref}#search`}
            staff={actions.writeInternal}
            canAssign={actions.assign && ticket.status !== "closed"}
          />
        </TicketLive>
      </TicketSession>
    </main>
  );
}
