import { requirePermission, type Actor } from "@/auth/actor";
import { scoped } from "@/db/scoped";
import type { TListTagsQuery } from "./tags.schemas";

/** GET /api/tags?q=: the organization's tags for autocomplete (staff; issue 11). One short list, no cursor. */
export async function listTags(actor: Actor, query: TListTagsQuery) {
  requirePermission(actor, "tags.read");
  const rows = await scoped(actor).tags.search(query.q ?? "", query.limit);
  return { items: rows.map((t) => ({ id: t.id, name: t.name })), nextCursor: null };
}
