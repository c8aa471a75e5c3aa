// scoped(actor).myPreferences: the actor's own time zone, locale and theme (issue 13), never anyone
// else's: the row is the actor's user id inside the actor's organization.
import { and, eq } from "drizzle-orm";
import type { Actor } from "@/auth/actor";
import { now } from "@/lib/clock";
import type { DbOrTx } from "../client";
import { organizations, users } from "../schema";

export interface PreferenceValues {
  timeZone: string | null;
  locale: string | null;
  theme: string | null;
}

export function myPreferenceQueries(actor: Actor, conn: DbOrTx) {
  const mine = and(eq(users.id, actor.userId), eq(users.organizationId, actor.orgId));
  return {
    /** The person's own choices (null: not chosen) and their organization's defaults. */
    async get() {
      const [row] = await conn
        .select({
          timeZone: users.timeZone,
          locale: users.locale,
          theme: users.theme,
          orgTimeZone: organizations.defaultTimeZone,
          orgLocale: organizations.defaultLocale,
        })
        .from(users)
        .innerJoin(organizations, eq(organizations.id, users.organizationId))
        .where(mine)
        .limit(1);
      return row ?? null;
    },
    /** Locks the row, so two concurrent changes are audited in the order they were applied. */
    async getForUpdate(): Promise<PreferenceValues | null> {
      const [row] = await conn.select({ timeZone: users.timeZone, locale: users.locale, theme: users.theme }).from(users).where(mine).for("update").limit(1);
      return row ?? null;
    },
    async update(patch: Partial<PreferenceValues>): Promise<PreferenceValues | null> {
      const [row] = await conn
        .update(users)
        .set({ ...patch, updatedAt: now() })
        .where(mine)
        .returning({ timeZone: users.timeZone, locale: users.locale, theme: users.theme });
      return row ?? null;
    },
  };
}
