import { requirePermission, type Actor } from "@/auth/actor";
import { inTenantTransaction } from "@/db/scoped";
import { Invalid } from "@/lib/errors";
import { mapDuplicateName, validateMacroChanges } from "./macro-access";
import { toMacroDto } from "./macro-dto";
import { PERSONAL_MACROS_PER_USER, SHARED_MACROS_PER_ORG } from "./macro-limits";
import type { TCreateMacro } from "./macros.schemas";

/** A shared macro (admins) or a personal one (any staff member), within the count limits, audited. */
export async function createMacro(actor: Actor, input: TCreateMacro) {
  requirePermission(actor, input.shared ? "macros.shared.manage" : "macros.personal.manage");
  return mapDuplicateName(
    inTenantTransaction(actor, async (s) => {
      await validateMacroChanges(s, input.changes);
      // Held until commit: a burst of parallel creations is counted one after the other.
      await s.macros.lockQuota(input.shared);
      const limit = input.shared ? SHARED_MACROS_PER_ORG : PERSONAL_MACROS_PER_USER;
      if ((await s.macros.count(input.shared)) >= limit) {
        throw Invalid(input.shared ? `An organization can have at most ${limit} shared macros` : `You can have at most ${limit} personal macros`);
      }
      const macro = await s.macros.insert(input.shared, { name: input.name, bodyMd: input.bodyMd, changes: input.changes });
      await s.audit.record({ action: "macro.created", targetType: "macro", targetId: macro.id, data: { name: macro.name, shared: input.shared } });
      return toMacroDto(actor, macro);
    }),
  );
}
