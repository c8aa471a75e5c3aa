// The theme as a class on <html> (issue 13): "theme-light" / "theme-dark" fix it, none follows the system
// (prefers-color-scheme, globals.css). The server renders it from the theme cookie (app/layout.tsx);
// the preferences form switches it in place after saving, without a reload.
import type { TThemeChoice } from "@/lib/preferences";

export const themeClass = (theme: string | null | undefined): string | undefined => (theme === "light" || theme === "dark" ? `theme-${theme}` : undefined);

export function applyThemeClass(theme: TThemeChoice): void {
  const html = document.documentElement;
  html.classList.remove("theme-light", "theme-dark");
  const cls = themeClass(theme);
  if (cls) html.classList.add(cls);
}
