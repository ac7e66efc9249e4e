import type { ReactNode } from "react";
import { AppShell } from "@/components/nav/app-shell";
import { requireViewer } from "@/lib/auth/viewer";

/** Patient pages: only a patient signed in to their own record. */
export default async function PatientLayout({ children }: { children: ReactNode }) {
  const viewer = await requireViewer(["patient"]);
  return <AppShell viewer={viewer}>{children}</AppShell>;
}
