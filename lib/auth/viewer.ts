import "server-only";
import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { getDb } from "@/db/client";
import { audit } from "@/lib/data/audit";
import { auth } from "./auth";
import { clientIp } from "./client-ip";
import { type EnrolmentUser, loadEnrolmentUser, viewerOfSession } from "./load-viewer";
import type { Role, Viewer } from "./viewer-type";

const getSession = cache(() => auth());

export const MFA_SETUP_PATH = "/account/mfa/setup";

/**
 * The signed-in user of this request (cached per request), or null. An enrolment-only session
 * (two-step sign-in required, not set up yet) is null here: it reaches no data at all.
 */
export const getViewer = cache(async (): Promise<Viewer | null> => {
  const session = await getSession();
  if (!session?.userId) return null;
  return viewerOfSession(await getDb(), session, clientIp(await headers()));
});

/**
 * For pages: the viewer, or a redirect to login; a role outside `roles` sees "not found", and
 * the refusal is audited like any other.
 */
export async function requireViewer(roles?: readonly Role[]): Promise<Viewer> {
  const viewer = await getViewer();
  if (!viewer) {
    if (await getEnrolmentOnlyUser()) redirect(MFA_SETUP_PATH);
    redirect("/login");
  }
  if (roles && !roles.includes(viewer.role)) {
    await audit(await getDb(), viewer, {
      action: "page.view",
      outcome: "denied",
      entityType: "page",
      entityId: null,
      details: { requiredRoles: [...roles] },
    });
    notFound();
  }
  return viewer;
}

export const STAFF = ["therapist", "admin"] as const satisfies Role[];

/**
 * For the two-step enrolment page and its action only: the user of an enrolment-only session
 * (still valid: same session version, not disabled), or null.
 */
export const getEnrolmentOnlyUser = cache(async (): Promise<EnrolmentUser | null> => {
  const session = await getSession();
  if (!session?.userId || !session.mfaSetupOnly) return null;
  return loadEnrolmentUser(
    await getDb(),
    {
      userId: session.userId,
      sessionVersion: session.sessionVersion,
      role: session.role,
      clinicId: session.clinicId,
    },
    clientIp(await headers()),
  );
});

/** Who may enrol: a full viewer (voluntary enrolment) or an enrolment-only session. */
export async function getEnrollingUser(): Promise<EnrolmentUser | null> {
  const viewer = await getViewer();
  if (viewer) {
    return {
      userId: viewer.userId,
      role: viewer.role,
      clinicId: viewer.clinicId,
      email: viewer.email,
      name: viewer.name,
      ip: viewer.ip,
      enrolmentOnly: false,
    };
  }
  return getEnrolmentOnlyUser();
}
