// The theme cookie (issue 13): the server renders <html class="theme-dark"> from it, so a page is never
// first painted in the wrong theme and no script has to run before paint (the CSP allows no inline script).
import { isProduction } from "@/lib/env";
import { THEME_COOKIE, type TThemeChoice } from "@/lib/preferences";

const YEAR_SECONDS = 365 * 24 * 3600;

/**
 * Set-Cookie for a theme choice; "system" removes the cookie, so prefers-color-scheme decides. Not
 * HttpOnly: it holds no secret, and the page copies the person's stored choice into it on a device that
 * does not have it yet (components/preferences/theme-sync.tsx).
 */
export function themeCookie(choice: TThemeChoice): string {
  const secure = isProduction() ? "; Secure" : "";
  if (choice === "system") return `${THEME_COOKIE}=; Path=/; Max-Age=0; SameSite=Lax${secure}`;
  return `${THEME_COOKIE}=${choice}; Path=/; Max-Age=${YEAR_SECONDS}; SameSite=Lax${secure}`;
}
