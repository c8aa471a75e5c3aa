import Link from "next/link";
import { pageMessages } from "@/components/messages/page-messages";
import { QUEUE_MESSAGES, type QueueTranslator } from "@/components/messages/queue";
import type { TViewDto } from "@/domain/views/view-dto";
import { queueHref } from "./queue-params";
import { DeleteViewButton, SaveViewForm } from "./view-forms";

/**
 * Saved views in the queue's sidebar (issue 11): shared views, then the caller's own, each with a count
 * that stops at 1,000 ("1,000+") so the sidebar stays fast on a million tickets. View names are data:
 * React text only.
 */
export async function ViewsSidebar({
  views,
  activeId,
  currentFilters,
  canShare,
}: {
  views: TViewDto[];
  activeId?: string;
  currentFilters: Record<string, string>;
  canShare: boolean;
}) {
  const shared = views.filter((v) => v.shared);
  const personal = views.filter((v) => !v.shared);
  const t = await pageMessages(QUEUE_MESSAGES);
  return (
    <nav className="card views-sidebar" aria-label={t("queue.views.label")}>
      <ViewGroup t={t} title={t("queue.views.shared")} views={shared} activeId={activeId} canChange={canShare} empty={t("queue.views.sharedEmpty")} />
      <ViewGroup t={t} title={t("queue.views.mine")} views={personal} activeId={activeId} canChange empty={t("queue.views.mineEmpty")} />
      <SaveViewForm filters={currentFilters} canShare={canShare} />
    </nav>
  );
}

function ViewGroup({
  t,
  title,
  views,
  activeId,
  canChange,
  empty,
}: {
  t: QueueTranslator;
  title: string;
  views: TViewDto[];
  activeId?: string;
  canChange: boolean;
  empty: string;
}) {
  return (
    <section className="views-group">
      <h2 className="aside-title">{title}</h2>
      {views.length === 0 ? (
        <p className="muted views-empty">{empty}</p>
      ) : (
        <ul className="views-list">
          {views.map((v) => (
            <li key={v.id} className={v.id === activeId ? "is-active" : undefined}>
              <Link href={queueHref(v.filters, { view: v.id })} prefetch={false} aria-current={v.id === activeId ? "page" : undefined}>
                <span className="view-name">{v.name}</span>
                {v.count && (
                  <span className="view-count" title={v.count.more ? t("queue.views.countMoreTitle") : undefined}>
                    {t(v.count.more ? "queue.views.countMore" : "queue.views.count", { count: v.count.value })}
                  </span>
                )}
              </Link>
              {canChange && <DeleteViewButton id={v.id} name={v.name} active={v.id === activeId} />}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
