/** Merges Set-Cookie headers into a Cookie header, the way a browser jar would (expired ones removed). */
export function applySetCookies(cookieHeader: string, setCookies: string[]): string {
  const jar = new Map(
    cookieHeader
      .split(/;\s*/)
      .filter(Boolean)
      .map((c) => [c.split("=")[0]!, c] as const),
  );
  for (const sc of setCookies) {
    const pair = sc.split(";")[0]!;
    const name = pair.split("=")[0]!;
    if (/max-age=0/i.test(sc) || pair.endsWith("=")) jar.delete(name);
    else jar.set(name, pair);
  }
  return [...jar.values()].join("; ");
}
