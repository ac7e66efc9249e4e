import "server-only";
import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { getDb } from "@/db/client";
import { auth } from "./auth";
import { clientIp } from "./client-ip";
import { loadViewer } from "./load-viewer";
import type { Role, Viewer } from "./viewer-type";

/** The signed-in user of this request (cached per request), or null. */
export const getViewer = cache(async (): Promise<Viewer | null> => {
  const session = await auth();
  if (!session?.userId) return null;
  const db = await getDb();
  return loadViewer(
    db,
    {
      userId: session.userId,
      sessionVersion: session.sessionVersion,
      role: session.role,
      clinicId: session.clinicId,
    },
    clientIp(await headers()),
  );
});

/** For pages: the viewer, or a redirect to login; a role outside `roles` sees "not found". */
export async function requireViewer(roles?: readonly Role[]): Promise<Viewer> {
  const viewer = await getViewer();
  if (!viewer) redirect("/login");
  if (roles && !roles.includes(viewer.role)) notFound();
  return viewer;
}

export const STAFF = ["therapist", "admin"] as const satisfies Role[];
