import { notFound } from "next/navigation";
import { can, type Actor } from "@/auth/actor";
import { requirePageActor } from "@/auth/page-actor";

/**
 * Every admin page asks this itself (a layout is not re-run on client navigation). Anyone without the
 * admin area permission gets the 404 page: the admin area does not announce that it exists (S17).
 */
export async function requireAdminPage(): Promise<Actor> {
  const actor = await requirePageActor();
  if (!can(actor, "admin.area")) notFound();
  return actor;
}
