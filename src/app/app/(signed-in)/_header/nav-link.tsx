"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import type { ReactNode } from "react";

/**
 * A nav link that marks the current page with aria-current, which both screen readers and CSS use.
 * No prefetch: links that are always on screen are re-fetched on every router.refresh(), and the queue
 * is the most expensive page to render. Other links to /app opt out for the same reason.
 */
export function NavLink({ href, exact = false, className, children }: { href: string; exact?: boolean; className?: string; children: ReactNode }) {
  const pathname = usePathname();
  const current = exact ? pathname === href : pathname === href || pathname.startsWith(`${href}/`);
  return (
    <Link href={href} prefetch={false} className={className} aria-current={current ? "page" : undefined}>
      {children}
    </Link>
  );
}
