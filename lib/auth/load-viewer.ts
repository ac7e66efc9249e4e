import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { clinics, patients, users } from "@/db/schema";
import type { Role, Viewer } from "./viewer-type";

/**
 * Turn session claims into a Viewer, or null when the session is no longer valid: user gone,
 * disabled, role or clinic changed, or session version bumped (password change, disable,
 * sign-out). This one query runs on every authenticated request.
 */
export async function loadViewer(
  db: Db,
  claims: { userId: string; sessionVersion: number; role: Role; clinicId: string },
  ip: string | null,
): Promise<Viewer | null> {
  const [row] = await db
    .select({
      userId: users.id,
      role: users.role,
      clinicId: users.clinicId,
      name: users.name,
      email: users.email,
      disabled: users.disabled,
      sessionVersion: users.sessionVersion,
      clinicName: clinics.name,
      clinicTimeZone: clinics.timeZone,
      patientId: patients.id,
    })
    .from(users)
    .innerJoin(clinics, eq(clinics.id, users.clinicId))
    .leftJoin(patients, and(eq(patients.userId, users.id), eq(patients.clinicId, users.clinicId)))
    .where(eq(users.id, claims.userId))
    .limit(1);
  if (!row || row.disabled) return null;
  if (row.sessionVersion !== claims.sessionVersion) return null;
  if (row.role !== claims.role || row.clinicId !== claims.clinicId) return null;
  if (row.role === "patient" && !row.patientId) return null;
  return {
    userId: row.userId,
    role: row.role,
    clinicId: row.clinicId,
    clinicName: row.clinicName,
    clinicTimeZone: row.clinicTimeZone,
    name: row.name,
    email: row.email,
    patientId: row.role === "patient" ? row.patientId : null,
    ip,
    readAudited: new Set(),
  };
}
