import type { ReactNode } from "react";
import { AppShell } from "@/components/nav/app-shell";
import { requireViewer } from "@/lib/auth/viewer";

export default async function AccountLayout({ children }: { children: ReactNode }) {
  const viewer = await requireViewer();
  return <AppShell viewer={viewer}>{children}</AppShell>;
}
