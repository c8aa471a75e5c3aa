// Effective time zone and locale (issue 13): own → organization → browser → fallback, and every value a
// browser sends checked like input.
import { describe, expect, it } from "vitest";
import { browserTimeZoneFromCookie, canonicalLocale, canonicalTimeZone, effectiveTimePrefs, localeFromAcceptLanguage } from "./preferences";

describe("effectiveTimePrefs", () => {
  const browser = { timeZone: "America/Chicago", acceptLanguage: "fr-CA,fr;q=0.8" };
  it("takes the first value that is set and valid, and says where it came from", () => {
    expect(
      effectiveTimePrefs({ user: { timeZone: "Asia/Tokyo", locale: "ja-JP" }, organization: { timeZone: "UTC", locale: "en-GB" }, browser }),
    ).toMatchObject({
      timeZone: "Asia/Tokyo",
      locale: "ja-JP",
      sources: { timeZone: "user", locale: "user" },
    });
    expect(effectiveTimePrefs({ user: {}, organization: { timeZone: "Europe/Paris", locale: null }, browser })).toMatchObject({
      timeZone: "Europe/Paris",
      locale: "fr-CA",
      sources: { timeZone: "organization", locale: "browser" },
    });
    expect(effectiveTimePrefs({ user: {}, organization: {}, browser: {} })).toMatchObject({
      timeZone: "UTC",
      locale: "en-GB",
      sources: { timeZone: "fallback", locale: "fallback" },
    });
  });
  it("skips a stored value Intl no longer knows instead of throwing", () => {
    expect(effectiveTimePrefs({ user: { timeZone: "Mars/Olympus", locale: "xx-YY" }, organization: {}, browser }).timeZone).toBe("America/Chicago");
  });
});

describe("browser values", () => {
  it("reads Accept-Language by weight and skips what Intl cannot write", () => {
    expect(localeFromAcceptLanguage("xx-YY, de-CH;q=0.5, en;q=0.9")).toBe("en");
    expect(localeFromAcceptLanguage("*, de;q=0")).toBeNull();
    expect(localeFromAcceptLanguage(undefined)).toBeNull();
  });
  it("reads the zone cookie only when it names a real zone", () => {
    expect(browserTimeZoneFromCookie("a=1; hd_tz=Europe%2FBerlin; b=2")).toBe("Europe/Berlin");
    expect(browserTimeZoneFromCookie("hd_tz=Europe%2FAtlantis")).toBeNull();
    expect(browserTimeZoneFromCookie("hd_tz=%E0%A4%A")).toBeNull();
    expect(browserTimeZoneFromCookie("other_hd_tz=Europe%2FBerlin")).toBeNull();
  });
  it("canonicalises what people type", () => {
    expect(canonicalTimeZone("europe/berlin")).toBe("Europe/Berlin");
    expect(canonicalTimeZone("utc")).toBe("UTC");
    expect(canonicalTimeZone("Europe/Atlantis")).toBeNull();
    expect(canonicalLocale("en-us")).toBe("en-US");
    expect(canonicalLocale("en_US")).toBeNull();
    expect(canonicalLocale("xx-YY")).toBeNull();
  });
});
