"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import type { ReactNode } from "react";

const matches = (pathname: string, href: string) =>
  pathname === href || pathname.startsWith(`${href}/`);

/**
 * A navigation link that marks the current page for sighted and screen-reader users. Among
 * `siblings`, only the most specific match is current (/patients/new is not also "Caseload").
 */
export function NavLink({
  href,
  siblings = [],
  children,
}: {
  href: string;
  siblings?: readonly string[];
  children: ReactNode;
}) {
  const pathname = usePathname();
  const best = [...siblings, href]
    .filter((h) => matches(pathname, h))
    .sort((a, b) => b.length - a.length)[0];
  const current = best === href;
  return (
    <Link
      href={href}
      aria-current={current ? "page" : undefined}
      className="inline-flex min-h-11 items-center rounded-md px-3 font-medium text-slate-700 hover:bg-slate-100 aria-[current=page]:bg-accent-50 aria-[current=page]:text-accent-800"
    >
      {children}
    </Link>
  );
}
