import { requirePermission, type Actor } from "@/auth/actor";
import { scoped } from "@/db/scoped";
import { NotFound } from "@/lib/errors";
import { countViewTickets } from "./count-view-tickets";
import { toViewDto } from "./view-dto";
import type { TListViewsQuery } from "./views.schemas";

/**
 * GET /api/views: the organization's shared views and the caller's personal ones (issue 11), with their
 * capped counts when asked. At most 2 × VIEWS_PER_KIND_MAX rows, so one list without a cursor.
 */
export async function listViews(actor: Actor, query: TListViewsQuery = {}) {
  requirePermission(actor, "views.use");
  const s = scoped(actor);
  const views = await s.views.list();
  const counts = query.counts ? await Promise.all(views.map((v) => countViewTickets(actor, s, v.filters))) : [];
  return { items: views.map((v, i) => toViewDto(actor, v, counts[i])), nextCursor: null };
}

/** GET /api/views/{id}: one view with its count. Another user's personal view or another tenant's is a 404. */
export async function getView(actor: Actor, id: string) {
  requirePermission(actor, "views.use");
  const s = scoped(actor);
  const view = await s.views.find(id);
  if (!view) throw NotFound("View");
  return toViewDto(actor, view, await countViewTickets(actor, s, view.filters));
}
