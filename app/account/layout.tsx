import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { AppShell } from "@/components/nav/app-shell";
import { getEnrolmentOnlyUser, getViewer } from "@/lib/auth/viewer";
import { signOutEnrolmentAction } from "./mfa/actions";

export default async function AccountLayout({ children }: { children: ReactNode }) {
  const viewer = await getViewer();
  if (viewer) return <AppShell viewer={viewer}>{children}</AppShell>;
  // An enrolment-only session: no navigation, nothing but the enrolment page (the other
  // account pages redirect there through requireViewer).
  const enrolling = await getEnrolmentOnlyUser();
  if (!enrolling) redirect("/login");
  return (
    <>
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-4 px-6 py-3">
          <p className="text-lg font-semibold text-accent-800">Spasticity portal</p>
          <div className="flex items-center gap-4 text-sm">
            <span className="text-slate-700">{enrolling.email}</span>
            <form action={signOutEnrolmentAction}>
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
