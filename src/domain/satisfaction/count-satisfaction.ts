// Satisfaction per day for reports (issue 13): good and bad answers of the actor's organization per day of
// its time zone, filtered by team and priority as they were at resolution. The reports page plugs this in.
import { requirePermission, type Actor } from "@/auth/actor";
import { scoped, type DailySatisfaction } from "@/db/scoped";
import { Invalid } from "@/lib/errors";
import type { TSatisfactionCountsFilter } from "./satisfaction.schemas";

/** At most this many days per call (a year and a leap day): the index walk stays small. */
export const SATISFACTION_MAX_RANGE_DAYS = 366;

export async function countSatisfactionByDay(actor: Actor, filter: TSatisfactionCountsFilter): Promise<DailySatisfaction[]> {
  requirePermission(actor, "satisfaction.read.all");
  if (filter.to.getTime() - filter.from.getTime() > SATISFACTION_MAX_RANGE_DAYS * 86_400_000) {
    throw Invalid(`The range is at most ${SATISFACTION_MAX_RANGE_DAYS} days`, [
      { path: "to", message: `at most ${SATISFACTION_MAX_RANGE_DAYS} days after from` },
    ]);
  }
  return scoped(actor).satisfaction.dailyCounts(filter);
}
