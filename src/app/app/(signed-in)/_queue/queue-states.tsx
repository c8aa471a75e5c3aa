import Link from "next/link";

export function QueueEmpty({ filtered }: { filtered: boolean }) {
  if (filtered) {
    return (
      <div className="empty-state">
        <h2>No tickets match these filters</h2>
        <p>Try a different search or fewer filters.</p>
        <Link href="/app" prefetch={false} className="btn">
          Clear filters
        </Link>
      </div>
    );
  }
  return (
    <div className="empty-state">
      <h2>No tickets yet — open one</h2>
      <p>When someone needs help, their ticket shows up here.</p>
      <Link href="/app/tickets/new" className="btn btn-primary">
        Open a ticket
      </Link>
    </div>
  );
}

/** A hand-edited or stale URL: say so plainly and offer the way back, rather than an error page. */
export function QueueInvalid() {
  return (
    <div className="empty-state" role="alert">
      <h2>These filters are not valid</h2>
      <p>The link may be outdated or edited by hand. Reset the filters to see the queue.</p>
      <Link href="/app" prefetch={false} className="btn">
        Reset filters
      </Link>
    </div>
  );
}
