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
import { BulkBar } from "./_queue/bulk-bar";
import { BulkSelectionProvider } from "./_queue/bulk-selection";
import { QueueFilterForm } from "./_queue/queue-filters";
import { QueuePagination } from "./_queue/queue-pagination";
import { hasActiveFilters, queueOrder, queueQuery, readQueueParams, type QueueFilters, type RawSearchParams } from "./_queue/queue-params";
import { QueueShortcuts } from "./_queue/queue-shortcuts";
import { QueueEmpty, QueueInvalid } from "./_queue/queue-states";
import { TicketTable } from "./_queue/ticket-table";
import { ViewsSidebar } from "./_queue/views-sidebar";

export const metadata = { title: "Queue" };

const ORDER_WORDS = {
  newest: "newest first",
  due: "due soonest first",
  relevance: `best match first among the newest ${SEARCH_RANK_WINDOW} matches`,
} as const;

/**
 * The dashboard is the ticket queue. Visibility (requesters see their own tickets) is the domain's job.
 * Its URL is its place (issue 11): filters, the saved view and the page, carried into every ticket link.
 */
export default async function QueuePage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const actor = await requirePageActor();
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
        page.items.flatMap((t) => [t.requesterId, t.assigneeId]),
      )
    : new Map<string, string>();
  const teamNames = new Map((directory?.teams ?? []).map((t) => [t.id, t.name]));
  const activeView = views?.find((v) => v.id === viewId);
  const order = ORDER_WORDS[queueOrder(filters)];
  const place = { view: activeView?.id, cursor, before };
  const heading = activeView?.name ?? (readsAll ? "Ticket queue" : "My tickets");
  const scope = readsAll ? "Every ticket in your organization" : "Tickets you opened";
  const subtitle = activeView
    ? `${activeView.shared ? "Shared view" : "Your view"}${sameFilters(activeView.filters, filters) ? "" : ", filters changed"} · ${capitalise(order)}.`
    : `${scope}, ${order}.`;

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
      <section className="card queue-card" aria-label="Tickets">
        {!page ? (
          <QueueInvalid />
        ) : page.items.length === 0 ? (
          <QueueEmpty filtered={hasActiveFilters(filters) || !!cursor || !!before} />
        ) : staffTools && directory ? (
          <BulkSelectionProvider ids={page.items.map((t) => t.id)}>
            <BulkBar directory={directory} numbers={Object.fromEntries(page.items.map((t) => [t.id, t.number]))} />
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
          New ticket
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

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
