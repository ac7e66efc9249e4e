import "server-only";
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { clinics } from "@/db/schema";
import type { Viewer } from "@/lib/auth/viewer-type";
import { audit } from "./audit";
import { requireAdmin } from "./guards";

/** Anyone: whether the demo clinic exists, so the login page may list the demo accounts. */
export async function demoDataPresent(): Promise<boolean> {
  const db = await getDb();
  const [row] = await db
    .select({ id: clinics.id })
    .from(clinics)
    .where(eq(clinics.isDemo, true))
    .limit(1);
  return Boolean(row);
}

export interface ClinicSecurity {
  requireStaffMfa: boolean;
}

/** Admin: the clinic's sign-in settings. */
export async function getClinicSecurity(viewer: Viewer): Promise<ClinicSecurity> {
  const db = await getDb();
  await requireAdmin(db, viewer, "clinic.security_read");
  const [row] = await db
    .select({ requireStaffMfa: clinics.requireStaffMfa })
    .from(clinics)
    .where(eq(clinics.id, viewer.clinicId));
  return { requireStaffMfa: row?.requireStaffMfa ?? true };
}

/**
 * Admin: require two-step sign-in for the clinic's therapists and admins, or not. Turning it on
 * takes effect at each one's next sign-in (those not enrolled are then led to enrol first).
 */
export async function setRequireStaffMfa(viewer: Viewer, requireStaffMfa: boolean): Promise<void> {
  const db = await getDb();
  await requireAdmin(db, viewer, "clinic.require_staff_mfa");
  await db.transaction(async (tx) => {
    await tx.update(clinics).set({ requireStaffMfa }).where(eq(clinics.id, viewer.clinicId));
    await audit(tx, viewer, {
      action: "clinic.require_staff_mfa",
      entityType: "clinic",
      entityId: viewer.clinicId,
      details: { requireStaffMfa },
    });
  });
}
