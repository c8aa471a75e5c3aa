import { requirePermission, type Actor } from "@/auth/actor";
import type { Scoped } from "@/db/scoped";
import { isUniqueViolation } from "@/db/unique-violation";
import { validateAssignment } from "@/domain/tickets/validate-assignment";
import { AppError, Conflict, NotFound } from "@/lib/errors";
import type { TMacroChanges } from "./macros.schemas";

/**
 * The macro the actor is about to change, locked. Not visible (another organization's, a colleague's
 * personal one, none at all) is a 404; a shared macro seen by someone who may not manage shared macros is
 * a 403 — they do see it in their picker, so its existence is no secret to them.
 */
export async function requireEditableMacro(actor: Actor, s: Scoped, id: string) {
  const macro = await s.macros.find(id, { forUpdate: true });
  if (!macro) throw NotFound("Macro");
  requirePermission(actor, macro.ownerId === null ? "macros.shared.manage" : "macros.personal.manage");
  return macro;
}

/** Team and assignee ids a macro would set are looked up inside the organization when it is saved (S20). */
export async function validateMacroChanges(s: Scoped, changes: TMacroChanges) {
  const assigneeId = changes.assigneeId === "me" ? undefined : changes.assigneeId;
  await validateAssignment(s, { assigneeId, teamId: changes.teamId }, "changes.");
}

/** A second macro of the same name for the same owner (or among shared ones) is a 409. */
export async function mapDuplicateName<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (e) {
    if (!(e instanceof AppError) && isUniqueViolation(e)) throw Conflict("A macro with this name already exists");
    throw e;
  }
}
