import type { Metadata } from "next";
import { connection } from "next/server";
import type { ReactNode } from "react";
import "./globals.css";
import "@/styles/app-header.css";
import "@/styles/markdown.css";
import "@/styles/message-pages.css";
import "@/styles/queue.css";
import "@/styles/ticket.css";

export const metadata: Metadata = {
  title: { default: "Helpdesk", template: "%s · Helpdesk" },
  description: "Support tickets for your team",
  // Ticket pages hold customer data; nothing here is meant for search engines.
  robots: { index: false, follow: false },
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Render every page per request, the 404 included: a nonce-based CSP (S5) can only be applied to
  // dynamically rendered HTML, and a page prerendered at build time would carry scripts without it.
  await connection();
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
