/**
 * Where to go after signing in. Only same-origin paths inside the app are accepted, so a crafted
 * `?next=https://evil.example` or `//evil.example` cannot turn the sign-in page into an open redirect.
 */
export function safeNextPath(raw: string | string[] | undefined): string {
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (!value?.startsWith("/") || value.startsWith("//") || value.includes("\\")) return "/app";
  let url: URL;
  try {
    url = new URL(value, "http://helpdesk.invalid");
  } catch {
    return "/app";
  }
  if (url.origin !== "http://helpdesk.invalid") return "/app";
  const inApp = url.pathname === "/app" || url.pathname.startsWith("/app/");
  if (!inApp || url.pathname.startsWith("/app/sign-in")) return "/app";
  return `${url.pathname}${url.search}${url.hash}`;
}
