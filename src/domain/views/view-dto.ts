import type { Actor } from "@/auth/actor";
import type { SavedView } from "@/db/schema";
import type { CappedCount } from "./count-view-tickets";

/** A saved view as the API names it. `mine`: the caller created it (a personal view is always theirs). */
export function toViewDto(actor: Actor, v: SavedView, count?: CappedCount) {
  return {
    id: v.id,
    name: v.name,
    shared: v.shared,
    mine: v.ownerId === actor.userId,
    filters: v.filters,
    createdAt: v.createdAt.toISOString(),
    updatedAt: v.updatedAt.toISOString(),
    ...(count ? { count } : {}),
  };
}
export type TViewDto = ReturnType<typeof toViewDto>;
