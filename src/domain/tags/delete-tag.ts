import { requirePermission, type Actor } from "@/auth/actor";
import { inTenantTransaction } from "@/db/scoped";
import { now } from "@/lib/clock";
import { NotFound } from "@/lib/errors";

/**
 * DELETE /api/tags/{id} (admins): the tag leaves the organization's vocabulary and every ticket that is not
 * closed. Each such ticket gets a new version and a "tags" entry on its timeline (scoped().tags.remove).
 * Closed tickets are final and keep it (Zendesk does the same: a closed ticket is never edited), so their
 * reports and `?tag=` still find them; the tag is then retired rather than gone. One audit event with both
 * numbers. Another tenant's tag id is a 404 like an unknown one.
 */
export async function deleteTag(actor: Actor, tagId: string) {
  requirePermission(actor, "tags.manage");
  return inTenantTransaction(actor, async (s) => {
    const removed = await s.tags.remove(tagId, now());
    if (!removed) throw NotFound("Tag");
    await s.audit.record({
      action: "tag.deleted",
      targetType: "tag",
      targetId: tagId,
      data: { name: removed.name, tickets: removed.tickets, keptByClosedTickets: removed.keptByClosed },
    });
    return { id: tagId, deleted: true, tickets: removed.tickets, keptByClosedTickets: removed.keptByClosed };
  });
}
