import type { Metadata } from "next";
import { cookies } from "next/headers";
import { connection } from "next/server";
import type { ReactNode } from "react";
import { browserLocale, browserMessages } from "@/components/messages/browser-messages";
import { pageLanguage } from "@/components/messages/define";
import { FEEDBACK_MESSAGES } from "@/components/messages/feedback";
import { BrowserTimeZone } from "@/components/preferences/browser-time-zone";
import { themeClass } from "@/components/preferences/theme-class";
import { THEME_COOKIE } from "@/lib/preferences";
import "./globals.css";
import "@/styles/app-header.css";
import "@/styles/markdown.css";
import "@/styles/message-pages.css";
import "@/styles/queue.css";
import "@/styles/ticket.css";

export async function generateMetadata(): Promise<Metadata> {
  const t = await browserMessages(FEEDBACK_MESSAGES);
  return {
    title: { default: t("app.title"), template: t("app.titleTemplate") },
    description: t("app.description"),
    // Ticket pages hold customer data; nothing here is meant for search engines.
    robots: { index: false, follow: false },
  };
}

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Render every page per request, the 404 included: a nonce-based CSP (S5) can only be applied to
  // dynamically rendered HTML, and a page prerendered at build time would carry scripts without it.
  await connection();
  // The theme class comes from the cookie (issue 13): the first paint is already in the chosen theme,
  // with no script before it; without the cookie, CSS follows prefers-color-scheme.
  const [jar, locale] = await Promise.all([cookies(), browserLocale()]);
  const theme = themeClass(jar.get(THEME_COOKIE)?.value);
  // The language the texts are in, by the browser's (no actor here: the root layout also renders the 429
  // and 404 pages and must not spend the page budget). A signed-in person's own choice is applied by
  // TimePrefsProvider. Screen readers pronounce by it; code outside React words its messages by it.
  const lang = pageLanguage(locale);
  return (
    <html lang={lang} className={theme}>
      <body>
        {children}
        <BrowserTimeZone />
      </body>
    </html>
  );
}
