// The two preference cookies the page itself writes (issue 13): the browser's time zone and the theme.
// Neither holds a secret; the server validates both (lib/preferences.ts).

const YEAR_SECONDS = 365 * 24 * 3600;

export function readClientCookie(name: string): string | null {
  const entry = document.cookie
    .split(";")
    .map((c) => c.trim())
    .find((c) => c.startsWith(`${name}=`));
  return entry === undefined ? null : entry.slice(name.length + 1);
}

/** Sets the cookie for a year, or removes it (null). `value` must already be a cookie-safe token. */
export function writeClientCookie(name: string, value: string | null): void {
  const secure = window.location.protocol === "https:" ? "; secure" : "";
  const cookie =
    value === null ? `${name}=; path=/; max-age=0; samesite=lax${secure}` : `${name}=${value}; path=/; max-age=${YEAR_SECONDS}; samesite=lax${secure}`;
  // biome-ignore lint/suspicious/noDocumentCookie: the Cookie Store API is missing from browsers we support (Firefox, older Safari)
  document.cookie = cookie;
}
