import type { Actor } from "@/auth/actor";
import { scoped } from "@/db/scoped";

/**
 * Display names for user ids found on rows the actor can already see (requester, assignee, comment
 * authors). The lookup runs inside the actor's organization, so an id from another tenant resolves to
 * nothing; only names leave this function, not emails or roles.
 */
export async function resolveUserNames(actor: Actor, ids: Iterable<string | null | undefined>): Promise<Map<string, string>> {
  const unique = [...new Set([...ids].filter((id): id is string => typeof id === "string" && id.length > 0))];
  const rows = await scoped(actor).users.findMany(unique);
  return new Map(rows.map((u) => [u.id, u.name]));
}
