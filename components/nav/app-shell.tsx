import Link from "next/link";
import type { ReactNode } from "react";
import { signOutAction } from "@/app/actions";
import type { Viewer } from "@/lib/auth/viewer-type";
import { NavLink } from "./nav-link";

const links = {
  therapist: [
    { href: "/patients", label: "Caseload" },
    { href: "/patients/new", label: "New patient" },
    { href: "/flags", label: "Flags" },
    { href: "/templates", label: "Programs" },
  ],
  admin: [
    { href: "/patients", label: "Caseload" },
    { href: "/patients/new", label: "New patient" },
    { href: "/flags", label: "Flags" },
    { href: "/templates", label: "Programs" },
    { href: "/admin/therapists", label: "Accounts" },
    { href: "/admin/audit", label: "Audit log" },
  ],
  patient: [
    { href: "/my", label: "Home" },
    { href: "/my/program", label: "My program" },
    { href: "/my/log", label: "Daily log" },
    { href: "/my/history", label: "My history" },
  ],
} as const;

const roleLabel = { admin: "Clinic admin", therapist: "Therapist", patient: "Patient" } as const;

/** The frame of every signed-in page: who you are, where you can go, and sign-out. */
export function AppShell({ viewer, children }: { viewer: Viewer; children: ReactNode }) {
  return (
    <>
      <header className="no-print border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-4 px-6 py-3">
          <div className="flex items-center gap-8">
            <Link href="/" className="text-lg font-semibold text-accent-800">
              Spasticity portal
            </Link>
            <nav aria-label="Main">
              <ul className="flex flex-wrap gap-1">
                {links[viewer.role].map((link) => (
                  <li key={link.href}>
                    <NavLink href={link.href} siblings={links[viewer.role].map((l) => l.href)}>
                      {link.label}
                    </NavLink>
                  </li>
                ))}
              </ul>
            </nav>
          </div>
          <div className="flex items-center gap-4 text-sm">
            <span className="text-slate-700">
              <span className="font-medium text-slate-900">{viewer.name}</span> ·{" "}
              {roleLabel[viewer.role]} · {viewer.clinicName}
            </span>
            <NavLink href="/account">Account</NavLink>
            <form action={signOutAction}>
              <button
                type="submit"
                className="min-h-11 rounded-md px-3 font-medium text-accent-700 hover:bg-accent-50"
              >
                Sign out
              </button>
            </form>
          </div>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-6xl px-6 py-8">
        {children}
      </main>
    </>
  );
}
