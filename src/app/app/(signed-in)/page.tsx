import Link from "next/link";
import { can } from "@/auth/actor";
import { requirePageActor } from "@/auth/page-actor";
import { listDirectory } from "@/domain/directory/list-directory";
import { resolveUserNames } from "@/domain/directory/resolve-user-names";
import { listTickets } from "@/domain/tickets/list-tickets";
import { ZListTicketsQuery } from "@/domain/tickets/tickets.schemas";
import { isAppError } from "@/lib/errors";
import { QueueFilterForm } from "./_queue/queue-filters";
import { QueuePagination } from "./_queue/queue-pagination";
import { hasActiveFilters, queueQuery, readQueueParams, type RawSearchParams } from "./_queue/queue-params";
import { QueueShortcuts } from "./_queue/queue-shortcuts";
import { QueueEmpty, QueueInvalid } from "./_queue/queue-states";
import { TicketTable } from "./_queue/ticket-table";

export const metadata = { title: "Queue" };

/** The dashboard is the ticket queue. Visibility (requesters see their own tickets) is the domain's job. */
export default async function QueuePage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const actor = await requirePageActor();
  const { filters, cursor } = readQueueParams(await searchParams);
  const readsAll = can(actor, "tickets.read.all");
  const directory = can(actor, "directory.read") ? await listDirectory(actor) : null;

  const parsed = ZListTicketsQuery.safeParse({ ...filters, cursor });
  // A bad cursor is only detected when it is decoded inside listTickets; both cases get the same state.
  const page = parsed.success ? await listTickets(actor, parsed.data).catch(invalidAsNull) : null;

  const names = page
    ? await resolveUserNames(
        actor,
        page.items.flatMap((t) => [t.requesterId, t.assigneeId]),
      )
    : new Map<string, string>();
  const teamNames = new Map((directory?.teams ?? []).map((t) => [t.id, t.name]));

  return (
    <main id="main" className="page">
      <div className="page-head">
        <div>
          <h1>{readsAll ? "Ticket queue" : "My tickets"}</h1>
          <p className="muted">{readsAll ? "Every ticket in your organization, newest first." : "Tickets you opened, newest first."}</p>
        </div>
        <Link href="/app/tickets/new" className="btn btn-primary">
          New ticket
        </Link>
      </div>
      <QueueFilterForm filters={filters} directory={directory} />
      <section className="card" aria-label="Tickets">
        {!page ? (
          <QueueInvalid />
        ) : page.items.length === 0 ? (
          <QueueEmpty filtered={hasActiveFilters(filters) || !!cursor} />
        ) : (
          <>
            <TicketTable
              tickets={page.items}
              names={names}
              teamNames={teamNames}
              columns={{ requester: readsAll, team: directory !== null }}
              fromQuery={queueQuery(filters, cursor)}
            />
            <QueuePagination filters={filters} cursor={cursor} nextCursor={page.nextCursor} shown={page.items.length} />
          </>
        )}
      </section>
      <QueueShortcuts />
    </main>
  );
}

function invalidAsNull(e: unknown): null {
  if (isAppError(e) && e.kind === "invalid") return null;
  throw e;
}
