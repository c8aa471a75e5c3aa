import { z } from "zod";
import { requirePermission, type Actor } from "@/auth/actor";
import { scoped } from "@/db/scoped";
import { Invalid } from "@/lib/errors";
import type { TListUsersQuery } from "./admin.schemas";
import { toAdminUserDto } from "./user-dto";

function encodeUserCursor(row: { name: string; id: string }): string {
  return Buffer.from(JSON.stringify([row.name, row.id])).toString("base64url");
}

function decodeUserCursor(raw: string | undefined): { name: string; id: string } | undefined {
  if (!raw) return undefined;
  try {
    const [name, id] = z.tuple([z.string().max(120), z.string().max(64)]).parse(JSON.parse(Buffer.from(raw, "base64url").toString("utf8")));
    return { name, id };
  } catch {
    throw Invalid("Invalid cursor");
  }
}

/** The organization's users by name, filtered by role, active flag and a name/e-mail search (S17, S7). */
export async function listUsers(actor: Actor, query: TListUsersQuery) {
  requirePermission(actor, "users.read");
  const rows = await scoped(actor).users.list({ role: query.role, active: query.active, q: query.q || undefined, after: decodeUserCursor(query.cursor) }, query.limit + 1);
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  return { items: page.map(toAdminUserDto), nextCursor: rows.length > query.limit && last ? encodeUserCursor(last) : null };
}
