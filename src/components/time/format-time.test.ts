// The one formatting module (issue 13): the reader's zone and locale, the zone named in the text, and
// typed days read the way the reader writes them.
import { describe, expect, it } from "vitest";
import { formatAbsolute, formatCalendarDay, formatRelative, parseCalendarDay, timeWords } from "./format-time";

const instant = new Date("2026-12-01T03:26:00Z");

describe("formatAbsolute", () => {
  it("is UTC and en-GB until the reader is known", () => {
    expect(formatAbsolute(instant)).toBe("1 Dec 2026, 03:26 UTC");
  });
  it("writes one instant in each reader's zone and locale, naming the zone", () => {
    expect(formatAbsolute(instant, { timeZone: "Europe/Berlin", locale: "de-DE" })).toBe("1. Dez. 2026, 04:26 MEZ");
    expect(formatAbsolute(instant, { timeZone: "America/New_York", locale: "en-US" })).toBe("Nov 30, 2026, 10:26 PM EST");
  });
  it("caches by reader as well as by minute: a second reader does not get the first one's words", () => {
    const a = formatAbsolute(instant, { timeZone: "Asia/Tokyo", locale: "en-GB" });
    const b = formatAbsolute(instant, { timeZone: "Europe/London", locale: "en-GB" });
    expect(a).toBe("1 Dec 2026, 12:26 GMT+9");
    expect(b).toBe("1 Dec 2026, 03:26 GMT");
  });
});

describe("formatRelative and timeWords", () => {
  it("words the distance in the reader's language; the machine value stays ISO UTC", () => {
    const now = new Date("2026-12-01T06:26:00Z");
    expect(formatRelative(instant, now)).toBe("3 hr ago");
    expect(formatRelative(instant, now, { timeZone: "UTC", locale: "en-US" })).toBe("3 hr. ago");
    expect(formatRelative(instant, now, { timeZone: "UTC", locale: "fr-FR" })).toBe("il y a 3\u00a0h");
    expect(formatRelative(now, now)).toBe("just now");
    expect(timeWords(instant, now, { timeZone: "Europe/Berlin", locale: "de-DE" })).toEqual([
      "2026-12-01T03:26:00.000Z",
      "1. Dez. 2026, 04:26 MEZ",
      "vor 3 Std.",
    ]);
  });
});

describe("calendar days", () => {
  it("shows a day in the reader's locale without any zone moving it", () => {
    expect(formatCalendarDay("2027-12-24", { locale: "en-US" })).toBe("Dec 24, 2027");
    expect(formatCalendarDay("2027-12-24", { locale: "de-DE", style: "numeric" })).toBe("24.12.2027");
    expect(formatCalendarDay("2027-12-24", { locale: "en-GB", style: "numeric" })).toBe("24/12/2027");
  });
  it("reads ISO always, and the reader's own numeric order when their locale is given", () => {
    expect(parseCalendarDay("2027-12-24")).toBe("2027-12-24");
    expect(parseCalendarDay("24.12.2027")).toBeNull();
    expect(parseCalendarDay("24.12.2027", { locale: "de-DE" })).toBe("2027-12-24");
    expect(parseCalendarDay("24/12/2027", { locale: "en-GB" })).toBe("2027-12-24");
    expect(parseCalendarDay("12/24/2027", { locale: "en-US" })).toBe("2027-12-24");
    expect(parseCalendarDay("2027/12/24", { locale: "ja-JP" })).toBe("2027-12-24");
  });
  it("refuses days that do not exist and text that is no day", () => {
    expect(parseCalendarDay("2027-02-30")).toBeNull();
    expect(parseCalendarDay("31/04/2027", { locale: "en-GB" })).toBeNull();
    expect(parseCalendarDay("24/12/2027", { locale: "en-US" })).toBeNull();
    expect(parseCalendarDay("24/12/27", { locale: "en-GB" })).toBeNull();
    expect(parseCalendarDay("tomorrow", { locale: "en-GB" })).toBeNull();
  });
});
