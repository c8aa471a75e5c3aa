// Issue 13: the preferences form and the organization form share one pair of time zone and locale fields;
// each keeps its own field names (the API's keys) and its own words for "not chosen".
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ZoneAndLocaleFields, zoneAndLocaleValues } from "./zone-and-locale-fields";

const common = { timeZone: "", locale: "de-DE", timeZones: ["UTC", "Europe/Berlin"], locales: [{ value: "de-DE", label: "German (Germany) — de-DE" }] };

describe("ZoneAndLocaleFields (issue 13)", () => {
  it("for a person: fields timeZone and locale, falling back to the organization's defaults", () => {
    const html = renderToStaticMarkup(
      <ZoneAndLocaleFields scope="person" {...common} orgTimeZone="Europe/Paris" orgLocale={null} errors={{ locale: "is not offered" }} />,
    );
    expect(html).toContain('name="timeZone"');
    expect(html).toContain('name="locale"');
    expect(html).toContain(">Time zone</label>");
    expect(html).toContain('<option value="" selected="">Organization default (Europe/Paris)</option>');
    expect(html).toContain("My browser&#x27;s language</option>");
    expect(html).toContain('<option value="de-DE" selected="">German (Germany) — de-DE</option>');
    expect(html).toContain("Locale is not offered");
  });

  it("for the organization: fields defaultTimeZone and defaultLocale, falling back to each person's browser", () => {
    const html = renderToStaticMarkup(<ZoneAndLocaleFields scope="organization" {...common} errors={{}} />);
    expect(html).toContain('name="defaultTimeZone"');
    expect(html).toContain('name="defaultLocale"');
    expect(html).toContain(">Default time zone</label>");
    expect(html).toContain(">Default locale</label>");
    expect(html.match(/Each person&#x27;s browser/g)).toHaveLength(2);
  });

  it("sends an empty choice as null under the scope's keys", () => {
    const data = new FormData();
    data.set("defaultTimeZone", "Europe/Berlin");
    data.set("defaultLocale", "");
    expect(zoneAndLocaleValues(data, "organization")).toEqual({ defaultTimeZone: "Europe/Berlin", defaultLocale: null });
    data.set("timeZone", "");
    data.set("locale", "en-CA");
    expect(zoneAndLocaleValues(data, "person")).toEqual({ timeZone: null, locale: "en-CA" });
  });
});
