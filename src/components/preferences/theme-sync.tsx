"use client";

// The theme is kept per person (users.theme) and rendered from a cookie (app/layout.tsx). On a device that
// has no cookie yet, or an old one, this copies the person's choice into the cookie and onto <html> once;
// from the next page on, the server renders it before the first paint.
import { useEffect } from "react";
import { THEME_COOKIE, type TThemeChoice } from "@/lib/preferences";
import { writeClientCookie } from "./client-cookie";
import { applyThemeClass } from "./theme-class";

export function ThemeSync({ theme }: { theme: TThemeChoice }) {
  useEffect(() => {
    writeClientCookie(THEME_COOKIE, theme === "system" ? null : theme);
    applyThemeClass(theme);
  }, [theme]);
  return null;
}
