import type { ReactNode } from "react";
import { AppShell } from "@/components/nav/app-shell";
import { requireViewer, STAFF } from "@/lib/auth/viewer";

/** Therapist and admin pages. Patients get "not found"; the data layer checks again on every call. */
export default async function ClinicLayout({ children }: { children: ReactNode }) {
  const viewer = await requireViewer(STAFF);
  return <AppShell viewer={viewer}>{children}</AppShell>;
}
