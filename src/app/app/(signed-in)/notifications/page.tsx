import type { Metadata } from "next";
import Link from "next/link";
import { requirePageActor } from "@/auth/page-actor";
import { NOTIFICATIONS_MESSAGES } from "@/components/messages/notifications";
import { pageMessages } from "@/components/messages/page-messages";
import { TimeStamp } from "@/components/time/time-stamp";
import { listNotifications } from "@/domain/notifications/list-notifications";
import { ZListNotificationsQuery } from "@/domain/notifications/notifications.schemas";
import { firstPageOnBadCursor } from "@/domain/pagination";
import { MarkAllReadButton, MarkReadButton } from "./mark-read-button";
import { NotificationsLive } from "./notifications-live";

export async function generateMetadata(): Promise<Metadata> {
  const t = await pageMessages(NOTIFICATIONS_MESSAGES);
  return { title: t("notifications.title") };
}

/** The caller's notifications, newest first (S9). */
export default async function NotificationsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePageActor();
  const raw = await searchParams;
  // A cursor that is not one (control characters, issue 9 item 11; or garbage) shows the first page, not a 500.
  const parsed = ZListNotificationsQuery.safeParse({ cursor: typeof raw.cursor === "string" ? raw.cursor : undefined, limit: 50 });
  const query = parsed.success ? parsed.data : ZListNotificationsQuery.parse({ limit: 50 });
  const [page, t] = await Promise.all([
    firstPageOnBadCursor(query.cursor, (cursor) => listNotifications(actor, { ...query, cursor })),
    pageMessages(NOTIFICATIONS_MESSAGES),
  ]);
  return (
    <main id="main" className="page">
      <div className="page-head">
        <div>
          <h1>{t("notifications.title")}</h1>
          <p className="muted">{page.unreadCount === 0 ? t("notifications.nothingUnread") : t("notifications.unread", { count: page.unreadCount })}</p>
        </div>
        {page.unreadCount > 0 && <MarkAllReadButton />}
      </div>
      <section className="card" aria-label={t("notifications.title")}>
        {page.items.length === 0 ? (
          <p className="card-body muted">{t("notifications.none")}</p>
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
              {t("notifications.older")}
            </Link>
          </p>
        )}
      </section>
      <NotificationsLive />
    </main>
  );
}
