// Creating, changing and deleting saved views (issue 11). Personal views: their owner only. Shared views:
// those allowed to manage them (views.manage.shared); everyone else who can see one gets a 403, and a view
// the caller cannot see at all (another user's personal view, another tenant's) is a 404.
import { can, requirePermission, type Actor } from "@/auth/actor";
import type { SavedView, SavedViewFilters } from "@/db/schema";
import { inTenantTransaction, type Scoped } from "@/db/scoped";
import { Forbidden, InvalidField, NotFound } from "@/lib/errors";
import { toViewDto } from "./view-dto";
import { VIEWS_PER_KIND_MAX, type TCreateView, type TUpdateView } from "./views.schemas";

/** An assignee or team named by id must be of the caller's organization (S20): else a 400 naming it. */
async function validateFilterIds(s: Scoped, filters: SavedViewFilters) {
  const { assignee, team } = filters;
  if (assignee && assignee !== "me" && assignee !== "none" && !(await s.users.find(assignee))) {
    throw InvalidField("filters.assignee", "Assignee not found in your organization");
  }
  if (team && team !== "none" && !(await s.teams.find(team))) throw InvalidField("filters.team", "Team not found in your organization");
}

export async function createView(actor: Actor, input: TCreateView) {
  requirePermission(actor, "views.use");
  if (input.shared) requirePermission(actor, "views.manage.shared");
  return inTenantTransaction(actor, async (s) => {
    await validateFilterIds(s, input.filters);
    if ((await s.views.countOfKind(input.shared)) >= VIEWS_PER_KIND_MAX) {
      throw InvalidField("name", `At most ${VIEWS_PER_KIND_MAX} ${input.shared ? "shared" : "personal"} views: delete one first`);
    }
    const view = await s.views.insert(input);
    if (view.shared) await s.audit.record({ action: "view.created", targetType: "view", targetId: view.id, data: { name: view.name, shared: true } });
    return toViewDto(actor, view);
  });
}

/** The view, when the caller may change it: 404 when they cannot see it, 403 when they only may use it. */
async function requireChangeable(actor: Actor, s: Scoped, id: string): Promise<SavedView> {
  const view = await s.views.find(id);
  if (!view) throw NotFound("View");
  const allowed = view.shared ? can(actor, "views.manage.shared") : view.ownerId === actor.userId;
  if (!allowed) throw Forbidden("Only admins change shared views");
  return view;
}

export async function updateView(actor: Actor, id: string, input: TUpdateView) {
  requirePermission(actor, "views.use");
  return inTenantTransaction(actor, async (s) => {
    const view = await requireChangeable(actor, s, id);
    if (input.filters) await validateFilterIds(s, input.filters);
    const updated = await s.views.update(view, input);
    // Shared views change what the whole team sees: their changes are on the audit trail.
    if (view.shared) await s.audit.record({ action: "view.updated", targetType: "view", targetId: view.id, data: { name: updated.name } });
    return toViewDto(actor, updated);
  });
}

export async function deleteView(actor: Actor, id: string) {
  requirePermission(actor, "views.use");
  return inTenantTransaction(actor, async (s) => {
    const view = await requireChangeable(actor, s, id);
    await s.views.remove(view);
    if (view.shared) await s.audit.record({ action: "view.deleted", targetType: "view", targetId: view.id, data: { name: view.name } });
    return { id: view.id, deleted: true };
  });
}
