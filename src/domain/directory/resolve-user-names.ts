import type { Actor } from "@/auth/actor";
import { can } from "@/auth/actor";
import { scoped } from "@/db/scoped";
import { staffLabel } from "./staff-label";

/**
 * Display names for user ids found on rows the actor can already see (requester, assignee, comment
 * authors). The lookup runs inside the actor's organization, so an id from another tenant resolves to
 * nothing. Staff (who may read the directory) get the name with role and e-mail (staffLabel: a
 * self-chosen name cannot impersonate, issue 9 item 13); requesters get names only.
 */
export async function resolveUserNames(actor: Actor, ids: Iterable<string | null | undefined>): Promise<Map<string, string>> {
  const unique = [...new Set([...ids].filter((id): id is string => typeof id === "string" && id.length > 0))];
  const rows = await scoped(actor).users.findMany(unique);
  const staff = can(actor, "directory.read");
  return new Map(rows.map((u) => [u.id, staff ? staffLabel(u) : u.name]));
}
