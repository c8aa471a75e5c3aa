import { firstPageOnBadCursor } from "@/domain/pagination";
import Link from "next/link";
import { requirePageActor } from "@/auth/page-actor";
import { TimeStamp } from "@/components/time/time-stamp";
import { listNotifications } from "@/domain/notifications/list-notifications";
import { ZListNotificationsQuery } from "@/domain/notifications/notifications.schemas";
import { MarkAllReadButton, MarkReadButton } from "./mark-read-button";
import { NotificationsLive } from "./notifications-live";

export const metadata = { title: "Notifications" };

/** The caller's notifications, newest first (S9). */
export default async function NotificationsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePageActor();
  const raw = await searchParams;
  // A cursor that is not one (control characters, issue 9 item 11; or garbage) shows the first page, not a 500.
  const parsed = ZListNotificationsQuery.safeParse({ cursor: typeof raw.cursor === "string" ? raw.cursor : undefined, limit: 50 });
  const query = parsed.success ? parsed.data : ZListNotificationsQuery.parse({ limit: 50 });
  const page = await firstPageOnBadCursor(query.cursor, (cursor) => listNotifications(actor, { ...query, cursor }));
  return (
    <main id="main" className="page">
      <div className="page-head">
        <div>
          <h1>Notifications</h1>
          <p className="muted">{page.unreadCount === 0 ? "Nothing unread." : `${page.unreadCount} unread.`}</p>
        </div>
        {page.unreadCount > 0 && <MarkAllReadButton />}
      </div>
      <section className="card" aria-label="Notifications">
        {page.items.length === 0 ? (
          <p className="card-body muted">No notifications yet.</p>
        ) : (
          <ul className="notification-list">
            {page.items.map((n) => (
              <li key={n.id} className={n.read ? undefined : "is-unread"}>
                <div>
                  {n.ticketId ? (
                    <Link href={`/app/tickets/${n.ticketId}${n.type === "satisfaction.requested" ? "#satisfaction" : ""}`} prefetch={false}>
                      {n.title}
                    </Link>
                  ) : (
                    n.title
                  )}
                  <div className="muted">
                    <TimeStamp value={n.createdAt} />
                  </div>
                </div>
                {!n.read && <MarkReadButton id={n.id} />}
              </li>
            ))}
          </ul>
        )}
        {page.nextCursor && (
          <p className="card-body">
            <Link href={`/app/notifications?cursor=${page.nextCursor}`} prefetch={false}>
              Older notifications
            </Link>
          </p>
        )}
      </section>
      <NotificationsLive />
    </main>
  );
}
