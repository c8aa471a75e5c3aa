import type { Scoped } from "@/db/scoped";
import { Conflict } from "@/lib/errors";

/**
 * An organization must keep at least one active admin who can sign in (S17). Locks the admin rows, so of
 * two admins demoting each other at the same moment the second one waits, re-reads and is refused.
 */
export async function assertNotLastAdmin(s: Scoped, userId: string): Promise<void> {
  const admins = await s.users.lockActiveAdmins();
  if (admins.includes(userId) && admins.length <= 1) {
    throw Conflict("This is the organization's last active admin: make someone else an admin first");
  }
}
