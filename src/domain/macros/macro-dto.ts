import { can, type Actor } from "@/auth/actor";
import type { Macro } from "@/db/schema";

/** A macro as the API names it; `editable` says whether this caller may change it (the API checks again). */
export function toMacroDto(actor: Actor, m: Macro) {
  const shared = m.ownerId === null;
  return {
    id: m.id,
    name: m.name,
    bodyMd: m.bodyMd,
    changes: m.changes,
    shared,
    editable: can(actor, shared ? "macros.shared.manage" : "macros.personal.manage"),
    createdAt: m.createdAt.toISOString(),
    updatedAt: m.updatedAt.toISOString(),
  };
}
export type TMacroDto = ReturnType<typeof toMacroDto>;
