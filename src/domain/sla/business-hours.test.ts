import { describe, expect, it } from "vitest";
import { addBusinessMs, ALWAYS_OPEN, businessMsBetween, localTimeToInstant, type BusinessCalendar } from "./business-hours";

const H = 3_600_000;
const nineToFive = [{ start: "09:00", end: "17:00" }];
// New York office hours, Christmas 2026 (a Friday) off. US DST 2026: Mar 8 (spring), Nov 1 (fall).
const newYork: BusinessCalendar = {
  timeZone: "America/New_York",
  alwaysOpen: false,
  weeklyHours: { mon: nineToFive, tue: nineToFive, wed: nineToFive, thu: nineToFive, fri: nineToFive },
  holidays: ["2026-12-25"],
};
const at = (iso: string) => new Date(iso);

describe("business hours (S9, D6)", () => {
  it("24/7 is plain arithmetic", () => {
    expect(addBusinessMs(ALWAYS_OPEN, at("2026-03-07T23:00:00Z"), 2 * H)).toEqual(at("2026-03-08T01:00:00Z"));
    expect(businessMsBetween(ALWAYS_OPEN, at("2026-03-07T23:00:00Z"), at("2026-03-08T01:00:00Z"))).toBe(2 * H);
  });

  it("a target runs over the night: 16:00 + 2 h = 10:00 the next morning", () => {
    // Mon 2 Mar 2026 16:00 EST = 21:00Z → Tue 10:00 EST = 15:00Z.
    expect(addBusinessMs(newYork, at("2026-03-02T21:00:00Z"), 2 * H)).toEqual(at("2026-03-03T15:00:00Z"));
    expect(businessMsBetween(newYork, at("2026-03-02T21:00:00Z"), at("2026-03-03T15:00:00Z"))).toBe(2 * H);
  });

  it("a target started at night begins counting at opening time", () => {
    // Tue 3 Mar 03:00 EST → opens 09:00, + 30 min.
    expect(addBusinessMs(newYork, at("2026-03-03T08:00:00Z"), 0.5 * H)).toEqual(at("2026-03-03T14:30:00Z"));
  });

  it("weekends do not count: Friday 16:30 + 1 h = Monday 09:30", () => {
    expect(addBusinessMs(newYork, at("2026-02-27T21:30:00Z"), H)).toEqual(at("2026-03-02T14:30:00Z"));
    expect(businessMsBetween(newYork, at("2026-02-27T21:30:00Z"), at("2026-03-02T14:30:00Z"))).toBe(H);
  });

  it("holidays do not count: Christmas Eve 16:00 + 2 h = Monday 28 Dec 10:00", () => {
    expect(addBusinessMs(newYork, at("2026-12-24T21:00:00Z"), 2 * H)).toEqual(at("2026-12-28T15:00:00Z"));
  });

  it("spring forward: opening hours follow the wall clock (EST → EDT)", () => {
    // Fri 6 Mar 16:00 EST (21:00Z) + 2 h → Mon 9 Mar 10:00 EDT = 14:00Z (UTC arithmetic would say 15:00Z).
    expect(addBusinessMs(newYork, at("2026-03-06T21:00:00Z"), 2 * H)).toEqual(at("2026-03-09T14:00:00Z"));
  });

  it("fall back: opening hours follow the wall clock (EDT → EST)", () => {
    // Fri 30 Oct 16:00 EDT (20:00Z) + 2 h → Mon 2 Nov 10:00 EST = 15:00Z.
    expect(addBusinessMs(newYork, at("2026-10-30T20:00:00Z"), 2 * H)).toEqual(at("2026-11-02T15:00:00Z"));
  });

  it("a round-the-clock schedule has a 23-hour day in spring and a 25-hour day in autumn", () => {
    const allDay = [{ start: "00:00", end: "24:00" }];
    const everyDay: BusinessCalendar = {
      timeZone: "America/New_York",
      alwaysOpen: false,
      weeklyHours: { sun: allDay, mon: allDay, tue: allDay, wed: allDay, thu: allDay, fri: allDay, sat: allDay },
      holidays: [],
    };
    const sunMar8 = localTimeToInstant("America/New_York", 2026, 3, 8, 0);
    const monMar9 = localTimeToInstant("America/New_York", 2026, 3, 9, 0);
    expect(businessMsBetween(everyDay, new Date(sunMar8), new Date(monMar9))).toBe(23 * H);
    const sunNov1 = localTimeToInstant("America/New_York", 2026, 11, 1, 0);
    const monNov2 = localTimeToInstant("America/New_York", 2026, 11, 2, 0);
    expect(businessMsBetween(everyDay, new Date(sunNov1), new Date(monNov2))).toBe(25 * H);
  });

  it("local times in the skipped hour land after the gap; repeated ones take the first occurrence", () => {
    expect(new Date(localTimeToInstant("America/New_York", 2026, 3, 8, 150))).toEqual(at("2026-03-08T07:30:00Z"));
    expect(new Date(localTimeToInstant("America/New_York", 2026, 11, 1, 90))).toEqual(at("2026-11-01T05:30:00Z"));
  });

  it("a zone east of UTC: Berlin's Monday 09:00 is Sunday-evening-free", () => {
    const berlin: BusinessCalendar = { ...newYork, timeZone: "Europe/Berlin", holidays: [] };
    // Sun 1 Mar 2026 23:30 UTC is already Monday 00:30 in Berlin; opening 09:00 CET = 08:00Z.
    expect(addBusinessMs(berlin, at("2026-03-01T23:30:00Z"), H)).toEqual(at("2026-03-02T09:00:00Z"));
  });
});

/** The exact conversion, asked of Intl every time (what localTimeToInstant did for every date before). */
const exactFormatters = new Map<string, Intl.DateTimeFormat>();
function exactInstant(timeZone: string, y: number, m: number, d: number, minuteOfDay: number): number {
  let f = exactFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    exactFormatters.set(timeZone, f);
  }
  const format = f;
  const offsetAt = (t: number) => {
    const p = Object.fromEntries(format.formatToParts(new Date(t)).map((x) => [x.type, Number(x.value)]));
    return Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!) - Math.floor(t / 1000) * 1000;
  };
  const wall = Date.UTC(y, m - 1, d, 0, minuteOfDay);
  const candidates = [...new Set([wall - offsetAt(wall - 86_400_000), wall - offsetAt(wall + 86_400_000)])];
  const valid = candidates.filter((c) => offsetAt(c) === wall - c);
  return valid.length ? Math.min(...valid) : Math.max(...candidates);
}

describe("business hours cost (attack pass: SLA preview as a CPU lever, S8)", () => {
  it("every wall time of every day of a year in zones with odd offsets and DST is the exact instant", () => {
    const wrong: string[] = [];
    const zones = [
      "America/New_York",
      "Europe/Berlin",
      "Australia/Lord_Howe",
      "Asia/Kathmandu",
      "America/St_Johns",
      "Pacific/Apia",
      "Africa/Casablanca",
      "Asia/Tehran",
    ];
    for (const zone of zones) {
      let date = new Date(Date.UTC(2026, 0, 1));
      for (let i = 0; i < 366; i++, date = new Date(date.getTime() + 86_400_000)) {
        const [y, m, d] = [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
        for (const minute of [0, 150, 1440]) {
          if (localTimeToInstant(zone, y, m, d, minute) !== exactInstant(zone, y, m, d, minute)) wrong.push(`${zone} ${y}-${m}-${d} ${minute}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  }, 60_000);

  it("an admin's worst calendar (four open minutes a day, year-long targets, 400 holidays) costs a few thousand Intl calls, not 280,000", async () => {
    const { slaPreviewOf } = await import("./preview-sla");
    const minutes = [
      { start: "00:00", end: "00:01" },
      { start: "01:00", end: "01:01" },
      { start: "02:00", end: "02:01" },
      { start: "03:00", end: "03:01" },
    ];
    const weeklyHours = Object.fromEntries(["mon", "tue", "wed", "thu", "fri", "sat", "sun"].map((day) => [day, minutes]));
    const holidays = Array.from({ length: 400 }, (_, i) => new Date(Date.UTC(2030, 0, 1) + i * 86_400_000).toISOString().slice(0, 10));
    const policies = (["low", "normal", "high", "urgent"] as const).map((priority) => ({
      priority,
      firstResponseMinutes: 366 * 24 * 60,
      nextReplyMinutes: null,
      resolutionMinutes: 366 * 24 * 60,
      pauseWhenPending: false,
    }));
    const formatToParts = Intl.DateTimeFormat.prototype.formatToParts;
    let calls = 0;
    Intl.DateTimeFormat.prototype.formatToParts = function (this: Intl.DateTimeFormat, ...args) {
      calls++;
      return formatToParts.apply(this, args);
    };
    try {
      const preview = slaPreviewOf(
        { timeZone: "America/Santiago", alwaysOpen: false, weeklyHours, holidays, warningLeadMinutes: 0, policies },
        at("2026-12-01T12:00:00Z"),
      );
      expect(preview.items.every((i) => i.firstResponseDueAt === null && i.resolutionDueAt === null)).toBe(true);
    } finally {
      Intl.DateTimeFormat.prototype.formatToParts = formatToParts;
    }
    // Three years of dates, three questions each, a few change days asked exactly; before: up to 32 per date and walk, sixteen walks.
    expect(calls).toBeLessThan(3 * 3 * 366 + 1000);
  });
});
