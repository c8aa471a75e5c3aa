import { requirePermission, type Actor } from "@/auth/actor";
import { inTenantTransaction } from "@/db/scoped";
import { NotFound } from "@/lib/errors";
import { requireEditableMacro } from "./macro-access";

export async function deleteMacro(actor: Actor, macroId: string) {
  requirePermission(actor, "macros.use");
  return inTenantTransaction(actor, async (s) => {
    const macro = await requireEditableMacro(actor, s, macroId);
    if (!(await s.macros.remove(macroId))) throw NotFound("Macro");
    await s.audit.record({ action: "macro.deleted", targetType: "macro", targetId: macroId, data: { name: macro.name, shared: macro.ownerId === null } });
    return { id: macroId, deleted: true };
  });
}
