import { requirePermission, type Actor } from "@/auth/actor";
import { scoped } from "@/db/scoped";
import { toMacroDto } from "./macro-dto";

/**
 * The organization's shared macros and the caller's own (issue 11). Returned whole: the per-organization
 * and per-user limits keep it to a few hundred rows at most.
 */
export async function listMacros(actor: Actor) {
  requirePermission(actor, "macros.use");
  const rows = await scoped(actor).macros.list();
  return { items: rows.map((m) => toMacroDto(actor, m)), nextCursor: null };
}
