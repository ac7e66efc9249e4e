"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import type { ReactNode } from "react";

/** A navigation link that marks the current page for sighted and screen-reader users. */
export function NavLink({ href, children }: { href: string; children: ReactNode }) {
  const pathname = usePathname();
  const current =
    pathname === href ||
    (href !== "/patients" && href !== "/my" && pathname.startsWith(`${href}/`)) ||
    (href === "/patients" && pathname.startsWith("/patients/") && pathname !== "/patients/new") ||
    (href === "/my" && pathname.startsWith("/my/"));
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
