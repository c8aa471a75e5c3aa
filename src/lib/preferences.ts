// How a person wants times, dates and the page itself to look (issue 13). Pure: no request, no database,
// so pages, API routes, e-mail and tests resolve the same effective value the same way.
//
// Time zone and locale: the person's own choice, else the organization's default, else what the browser
// said (the time-zone cookie its script sets, and Accept-Language), else UTC / en-GB. Whatever a browser
// sends is checked like user input: it is client-controlled, and an unknown zone would make Intl throw.

export const THEMES = ["light", "dark"] as const;
export type TTheme = (typeof THEMES)[number];
/** What a person chooses: a fixed theme, or "system" (stored as null), which follows prefers-color-scheme. */
export type TThemeChoice = TTheme | "system";

/** The cookie the browser's own time zone arrives in (set by components/preferences/browser-time-zone.tsx). */
export const BROWSER_TIME_ZONE_COOKIE = "hd_tz";
/** The cookie the server renders <html class> from, so a page never flashes the wrong theme. */
export const THEME_COOKIE = "hd_theme";

export const FALLBACK_TIME_ZONE = "UTC";
export const FALLBACK_LOCALE = "en-GB";

export interface TimePrefs {
  timeZone: string;
  locale: string;
}

export type PrefSource = "user" | "organization" | "browser" | "fallback";

const zoneCheck = new Map<string, boolean>();

/** True when Intl knows the zone ("Europe/Berlin", "UTC"); the answer is cached per name. */
export function isValidTimeZone(timeZone: string): boolean {
  if (timeZone.length === 0 || timeZone.length > 64) return false;
  let known = zoneCheck.get(timeZone);
  if (known === undefined) {
    try {
      new Intl.DateTimeFormat("en", { timeZone });
      known = true;
    } catch {
      known = false;
    }
    if (zoneCheck.size < 1000) zoneCheck.set(timeZone, known);
  }
  return known;
}

let zoneNames: Map<string, string> | undefined;

/**
 * The zone as it is listed ("europe/berlin" → "Europe/Berlin"), or as given when Intl knows it but does
 * not list it (an alias such as "Asia/Kolkata" where the runtime lists "Asia/Calcutta": resolvedOptions
 * would rename it to the legacy name); null when Intl does not know it.
 */
export function canonicalTimeZone(timeZone: string): string | null {
  if (!isValidTimeZone(timeZone)) return null;
  zoneNames ??= new Map(["UTC", ...Intl.supportedValuesOf("timeZone")].map((z) => [z.toLowerCase(), z]));
  return zoneNames.get(timeZone.toLowerCase()) ?? timeZone;
}

/**
 * The canonical form of a BCP 47 tag Intl can format dates for ("en-us" → "en-US"), or null: malformed
 * ("en_US", "x"), or a language this runtime has no data for ("xx-YY").
 */
export function canonicalLocale(tag: string): string | null {
  if (tag.length === 0 || tag.length > 35) return null;
  try {
    const [canonical] = Intl.getCanonicalLocales(tag);
    if (!canonical) return null;
    return Intl.DateTimeFormat.supportedLocalesOf([canonical], { localeMatcher: "lookup" }).length > 0 ? canonical : null;
  } catch {
    return null;
  }
}

/**
 * How many entries of an Accept-Language header are looked at. A browser sends a handful; each entry costs
 * an Intl lookup (about 20 µs, more when it throws), and the root layout, its title and the 404 page each
 * read the header on every request, anonymous ones included: 250 one-letter entries in 500 characters made
 * a 404 cost twice its CPU (attack pass, issue 13).
 */
export const ACCEPT_LANGUAGE_MAX_ENTRIES = 12;

const localeCheck = new Map<string, string | null>();

/** canonicalLocale(), cached per tag like the zone check (bounded: hostile tags do not grow it past 1000). */
function cachedCanonicalLocale(tag: string): string | null {
  let locale = localeCheck.get(tag);
  if (locale === undefined) {
    locale = canonicalLocale(tag);
    if (localeCheck.size < 1000) localeCheck.set(tag, locale);
  }
  return locale;
}

/** The first language of an Accept-Language header that Intl supports ("de-CH,de;q=0.9" → "de-CH"). */
export function localeFromAcceptLanguage(header: string | null | undefined): string | null {
  if (!header) return null;
  const ranked = header
    .slice(0, 500)
    .split(",", ACCEPT_LANGUAGE_MAX_ENTRIES)
    .map((part, i) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      const weight = q ? Number(q.slice(2)) : 1;
      return { tag: tag.trim(), weight: Number.isFinite(weight) ? weight : 0, i };
    })
    .filter((x) => x.tag !== "*" && x.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.i - b.i);
  for (const { tag } of ranked) {
    const locale = cachedCanonicalLocale(tag);
    if (locale) return locale;
  }
  return null;
}

export interface PrefInputs {
  user: { timeZone?: string | null; locale?: string | null };
  organization: { timeZone?: string | null; locale?: string | null };
  browser: { timeZone?: string | null; acceptLanguage?: string | null };
}

/** The first valid zone and locale along user → organization → browser → fallback, and where each came from. */
export function effectiveTimePrefs(inputs: PrefInputs): TimePrefs & { sources: { timeZone: PrefSource; locale: PrefSource } } {
  const zones: [PrefSource, string | null | undefined][] = [
    ["user", inputs.user.timeZone],
    ["organization", inputs.organization.timeZone],
    ["browser", inputs.browser.timeZone],
  ];
  const zone = zones.find(([, z]) => typeof z === "string" && isValidTimeZone(z));
  let locale: [PrefSource, string] | undefined;
  for (const [source, tag] of [
    ["user", inputs.user.locale],
    ["organization", inputs.organization.locale],
  ] as const) {
    const c = tag ? canonicalLocale(tag) : null;
    if (c) {
      locale = [source, c];
      break;
    }
  }
  if (!locale) {
    const fromBrowser = localeFromAcceptLanguage(inputs.browser.acceptLanguage);
    if (fromBrowser) locale = ["browser", fromBrowser];
  }
  return {
    timeZone: zone ? (zone[1] as string) : FALLBACK_TIME_ZONE,
    locale: locale ? locale[1] : FALLBACK_LOCALE,
    sources: { timeZone: zone ? zone[0] : "fallback", locale: locale ? locale[0] : "fallback" },
  };
}

export function isTheme(value: unknown): value is TTheme {
  return typeof value === "string" && (THEMES as readonly string[]).includes(value);
}

/** One cookie from a Cookie header, or null (no decoding: our values are plain tokens). */
export function readCookie(cookieHeader: string | null | undefined, name: string): string | null {
  if (!cookieHeader) return null;
  for (const part of cookieHeader.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}

/** The browser's zone from its cookie, when it is one Intl knows. The cookie is URI-encoded ("America%2FNew_York"). */
export function browserTimeZoneFromCookie(cookieHeader: string | null | undefined): string | null {
  const raw = readCookie(cookieHeader, BROWSER_TIME_ZONE_COOKIE);
  if (!raw) return null;
  let zone: string;
  try {
    zone = decodeURIComponent(raw);
  } catch {
    return null;
  }
  return isValidTimeZone(zone) ? zone : null;
}

/** What the browser itself says about the person: its zone cookie and its Accept-Language. */
export function browserPrefsFrom(headers: { get(name: string): string | null }): PrefInputs["browser"] {
  return { timeZone: browserTimeZoneFromCookie(headers.get("cookie")), acceptLanguage: headers.get("accept-language") };
}

type StoredPrefs = { timeZone: string | null; locale: string | null; orgTimeZone: string | null; orgLocale: string | null };

/** The zone and locale a reader gets: their stored choices (an Actor's `preferences`), then the browser's. */
export function timePrefsFor(reader: { preferences?: StoredPrefs } | null | undefined, browser: PrefInputs["browser"]): TimePrefs {
  const p = reader?.preferences;
  const { timeZone, locale } = effectiveTimePrefs({
    user: { timeZone: p?.timeZone, locale: p?.locale },
    organization: { timeZone: p?.orgTimeZone, locale: p?.orgLocale },
    browser,
  });
  return { timeZone, locale };
}
