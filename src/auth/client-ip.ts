/**
 * The client's address. Behind a reverse proxy the first X-Forwarded-For hop is the client; the proxy
 * must overwrite (not append to) that header, or clients could choose their own rate-limit key.
 */
export function clientIp(headers: Headers): string | null {
  const forwarded = headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return forwarded || headers.get("x-real-ip") || null;
}
