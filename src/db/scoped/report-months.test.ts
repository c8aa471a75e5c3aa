import { describe, expect, it } from "vitest";
import { planMonths } from "./report-months";

const DAY = 86_400_000;
const ms = (d: string) => Date.parse(`${d}T00:00:00Z`);

/** How many times each day counts under a plan (monthly rows expanded to their days). */
function coverage(plan: ReturnType<typeof planMonths>): Map<string, number> {
  const counts = new Map<string, number>();
  const bump = (from: number, to: number, by: number) => {
    for (let t = from; t <= to; t += DAY) {
      const d = new Date(t).toISOString().slice(0, 10);
      counts.set(d, (counts.get(d) ?? 0) + by);
    }
  };
  if (plan.months) {
    const first = new Date(ms(plan.months.from));
    for (let m = first.getUTCMonth(), y = first.getUTCFullYear(); Date.UTC(y, m, 1) <= ms(plan.months.to); m++) {
      bump(Date.UTC(y, m, 1), Date.UTC(y, m + 1, 1) - DAY, 1);
    }
  }
  for (const r of plan.add) bump(ms(r.from), ms(r.to), 1);
  for (const r of plan.subtract) bump(ms(r.from), ms(r.to), -1);
  return counts;
}

describe("planMonths (issue 13, migration 0034)", () => {
  it("counts every day of the range once and no other day, whatever the range", () => {
    let seed = 7;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const wrong: string[] = [];
    for (let i = 0; i < 300; i++) {
      const from = ms("2024-01-01") + rnd(900) * DAY;
      const to = from + rnd(i % 3 === 0 ? 40 : 731) * DAY;
      const range = { from: new Date(from).toISOString().slice(0, 10), to: new Date(to).toISOString().slice(0, 10) };
      const counts = coverage(planMonths(range));
      for (const [day, n] of counts)
        if (n !== (day >= range.from && day <= range.to ? 1 : 0)) wrong.push(`${day} counted ${n} times in ${JSON.stringify(range)}`);
      for (let t = from; t <= to; t += DAY) {
        const day = new Date(t).toISOString().slice(0, 10);
        if (counts.get(day) !== 1) wrong.push(`${day} missing from ${JSON.stringify(range)}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it("reads whole months from the monthly rows and only the ends from the daily ones", () => {
    expect(planMonths({ from: "2026-01-01", to: "2026-03-31" })).toEqual({ months: { from: "2026-01-01", to: "2026-03-01" }, add: [], subtract: [] });
    // A year from the 2nd to the 1st: twelve months, the first without its 1st, and one day.
    expect(planMonths({ from: "2025-12-02", to: "2026-12-01" })).toEqual({
      months: { from: "2025-12-01", to: "2026-11-01" },
      add: [{ from: "2026-12-01", to: "2026-12-01" }],
      subtract: [{ from: "2025-12-01", to: "2025-12-01" }],
    });
    // Mid-month to mid-month across a month boundary: days only.
    expect(planMonths({ from: "2026-01-20", to: "2026-02-10" })).toEqual({ months: null, add: [{ from: "2026-01-20", to: "2026-02-10" }], subtract: [] });
    // Most of one month: the month without the days at both ends.
    expect(planMonths({ from: "2026-03-03", to: "2026-03-29" })).toEqual({
      months: { from: "2026-03-01", to: "2026-03-01" },
      add: [],
      subtract: [
        { from: "2026-03-01", to: "2026-03-02" },
        { from: "2026-03-30", to: "2026-03-31" },
      ],
    });
    // A leap February is a whole month too.
    expect(planMonths({ from: "2024-02-01", to: "2024-02-29" }).months).toEqual({ from: "2024-02-01", to: "2024-02-01" });
  });
  it("plans the months of years 1–99 too (Date.UTC read them as 1900–1999: an empty plan, attack pass E1)", () => {
    expect(planMonths({ from: "0050-01-01", to: "0050-12-31" })).toEqual({ months: { from: "0050-01-01", to: "0050-12-01" }, add: [], subtract: [] });
    expect(
      planMonths({ from: "0099-12-15", to: "0100-01-03" }).add.length + (planMonths({ from: "0099-12-15", to: "0100-01-03" }).months ? 1 : 0),
    ).toBeGreaterThan(0);
  });
});
