"use server";

import { signOut } from "@/lib/auth/auth";
import { requireViewer } from "@/lib/auth/viewer";
import { endSessions } from "@/lib/data/account";

/** Sign out: ends this user's sessions everywhere (audited), then clears the cookie. */
export async function signOutAction(): Promise<void> {
  const viewer = await requireViewer(); // already signed out: straight to the login page
  await endSessions(viewer);
  await signOut({ redirectTo: "/login?signedOut=1" });
}
