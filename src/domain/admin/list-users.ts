import { z } from "zod";
import { requirePermission, type Actor } from "@/auth/actor";
import { scoped } from "@/db/scoped";
import { defineCursor } from "@/domain/pagination";
import type { TListUsersQuery } from "./admin.schemas";
import { toAdminUserDto } from "./user-dto";

/** Users by (name, id). */
const userCursor = defineCursor(
  "name",
  z.tuple([z.string().max(120), z.uuid()]).transform(([name, id]) => ({ name, id })),
);

/** The organization's users by name, filtered by role, active flag and a name/e-mail search (S17, S7). */
export async function listUsers(actor: Actor, query: TListUsersQuery) {
  requirePermission(actor, "users.read");
  const rows = await scoped(actor).users.list(
    { role: query.role, active: query.active, q: query.q || undefined, after: userCursor.decode(query.cursor) },
    query.limit + 1,
  );
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  return { items: page.map(toAdminUserDto), nextCursor: rows.length > query.limit && last ? userCursor.encode([last.name, last.id]) : null };
}
