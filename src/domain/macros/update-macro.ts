import { requirePermission, type Actor } from "@/auth/actor";
import { inTenantTransaction } from "@/db/scoped";
import { NotFound } from "@/lib/errors";
import { mapDuplicateName, requireEditableMacro, validateMacroChanges } from "./macro-access";
import { toMacroDto } from "./macro-dto";
import type { TUpdateMacro } from "./macros.schemas";

/** Renames, rewrites or changes what a macro sets; the audit names the fields, never the body. */
export async function updateMacro(actor: Actor, macroId: string, input: TUpdateMacro) {
  requirePermission(actor, "macros.use");
  return mapDuplicateName(
    inTenantTransaction(actor, async (s) => {
      const before = await requireEditableMacro(actor, s, macroId);
      if (input.changes) await validateMacroChanges(s, input.changes);
      const macro = await s.macros.update(macroId, input);
      if (!macro) throw NotFound("Macro");
      await s.audit.record({
        action: "macro.updated",
        targetType: "macro",
        targetId: macro.id,
        data: {
          name: before.name === macro.name ? macro.name : { from: before.name, to: macro.name },
          fields: Object.keys(input),
          shared: macro.ownerId === null,
        },
      });
      return toMacroDto(actor, macro);
    }),
  );
}
