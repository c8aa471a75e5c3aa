import Link from "next/link";
import { can } from "@/auth/actor";
import { requirePageActor } from "@/auth/page-actor";
import { listDirectory } from "@/domain/directory/list-directory";
import { resolveUserNames } from "@/domain/directory/resolve-user-names";
import { listTickets } from "@/domain/tickets/list-tickets";
import { SEARCH_RANK_WINDOW } from "@/domain/tickets/ticket-search";
import { ZListTicketsQuery } from "@/domain/tickets/tickets.schemas";
import { listViews } from "@/domain/views/list-views";
import { isAppError } from "@/lib/errors";
import { pageMessages } from "@/components/messages/page-messages";
import { QUEUE_MESSAGES } from "@/components/messages/queue";
import { BulkBar } from "./_queue/bulk-bar";
import { BulkSelectionProvider } from "./_queue/bulk-selection";
import { QueueFilterForm } from "./_queue/queue-filters";
import { QueuePagination } from "./_queue/queue-pagination";
import { hasActiveFilters, queueOrder, queueQuery, readQueueParams, type QueueFilters, type RawSearchParams } from "./_queue/queue-params";
import { QueueLive } from "./_queue/queue-live";
import { QueueShortcuts } from "./_queue/queue-shortcuts";
import { QueueEmpty, QueueInvalid } from "./_queue/queue-states";
import { TicketTable } from "./_queue/ticket-table";
import { ViewsSidebar } from "./_queue/views-sidebar";

export async function generateMetadata() {
  const t = await pageMessages(QUEUE_MESSAGES);
  return { title: t("queue.title") };
}

/**
 * The dashboard is the ticket queue. Visibility (requesters see their own tickets) is the domain's job.
 * Its URL is its place (issue 11): filters, the saved view and the page, carried into every ticket link.
 */
export default async function QueuePage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const [actor, t] = await Promise.all([requirePageActor(), pageMessages(QUEUE_MESSAGES)]);
  const { filters, cursor, before, view: viewId } = readQueueParams(await searchParams);
  const readsAll = can(actor, "tickets.read.all");
  const staffTools = can(actor, "tickets.bulk_update");
  const triage = can(actor, "tickets.read.triage");
  const [directory, views] = await Promise.all([
    can(actor, "directory.read") ? listDirectory(actor) : null,
    can(actor, "views.use") ? listViews(actor, { counts: true }).then((r) => r.items) : null,
  ]);

  const parsed = ZListTicketsQuery.safeParse({ ...filters, cursor, before });
  // A bad cursor is only detected when it is decoded inside listTickets; both cases get the same state.
  const page = parsed.success ? await listTickets(actor, parsed.data).catch(invalidAsNull) : null;

  const names = page
    ? await resolveUserNames(
        actor,
        page.items.flatMap((ticket) => [ticket.requesterId, ticket.assigneeId]),
      )
    : new Map<string, string>();
  const teamNames = new Map((directory?.teams ?? []).map((team) => [team.id, team.name]));
  const activeView = views?.find((v) => v.id === viewId);
  const orderKey = queueOrder(filters);
  const order = t(`queue.order.${orderKey}`, { window: SEARCH_RANK_WINDOW });
  const place = { view: activeView?.id, cursor, before };
  const heading = activeView?.name ?? t(readsAll ? "queue.heading.all" : "queue.heading.mine");
  const subtitle = activeView
    ? t(`queue.subtitle.${activeView.shared ? "sharedView" : "ownView"}${sameFilters(activeView.filters, filters) ? "" : "Changed"}` as const, {
        order: t(`queue.orderStart.${orderKey}`, { window: SEARCH_RANK_WINDOW }),
      })
    : t(readsAll ? "queue.subtitle.all" : "queue.subtitle.mine", { order });

  const table = page && page.items.length > 0 && (
    <>
      <TicketTable
        tickets={page.items}
        names={names}
        teamNames={teamNames}
        columns={{ requester: readsAll, team: directory !== null, select: staffTools && directory !== null, triage }}
        order={order}
        fromQuery={queueQuery(filters, place)}
      />
      <QueuePagination
        filters={filters}
        view={activeView?.id}
        atStart={!cursor && !before}
        prevCursor={page.prevCursor}
        nextCursor={page.nextCursor}
        shown={page.items.length}
      />
    </>
  );

  const queue = (
    <div>
      <QueueFilterForm filters={filters} view={activeView?.id} directory={directory} tags={can(actor, "tags.read")} triage={triage} />
      <section className="card queue-card" aria-label={t("queue.tickets")}>
        {!page ? (
          <QueueInvalid />
        ) : page.items.length === 0 ? (
          <QueueEmpty filtered={hasActiveFilters(filters) || !!cursor || !!before} />
        ) : staffTools && directory ? (
          <BulkSelectionProvider ids={page.items.map((ticket) => ticket.id)}>
            <BulkBar directory={directory} numbers={Object.fromEntries(page.items.map((ticket) => [ticket.id, ticket.number]))} />
            {table}
          </BulkSelectionProvider>
        ) : (
          table
        )}
      </section>
    </div>
  );

  return (
    <main id="main" className="page">
      <div className="page-head">
        <div>
          <h1>{heading}</h1>
          <p className="muted">{subtitle}</p>
        </div>
        <Link href="/app/tickets/new" className="btn btn-primary">
          {t("queue.newTicket")}
        </Link>
      </div>
      {views ? (
        <div className="queue-layout">
          <ViewsSidebar
            views={views}
            activeId={activeView?.id}
            currentFilters={filters as Record<string, string>}
            canShare={can(actor, "views.manage.shared")}
          />
          {queue}
        </div>
      ) : (
        queue
      )}
      <QueueShortcuts />
      <QueueLive />
    </main>
  );
}

/** A hand-edited URL (a bad cursor, a requester's ?tag=) shows the "not valid" state, not an error page. */
function invalidAsNull(e: unknown): null {
  if (isAppError(e) && (e.kind === "invalid" || e.kind === "forbidden")) return null;
  throw e;
}

/** Whether the queue shows exactly a view's filters (the view's own keys, nothing added or dropped). */
function sameFilters(saved: Record<string, string | undefined>, current: QueueFilters): boolean {
  const keys = ["status", "priority", "assignee", "team", "tag", "q", "sla", "sort"] as const;
  return keys.every((k) => (saved[k] ?? "") === (current[k] ?? ""));
}
