import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { prepared } from "@/db/prepared";
import { clinics, patients, users } from "@/db/schema";
import { ownPatientRecord, rememberOwnRecord } from "@/lib/data/patient-access";
import type { Role, Viewer } from "./viewer-type";

/** The session check: the user, their clinic and (for a patient) their own record. */
const viewerQuery = prepared((db) =>
  db
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
      patientArchivedAt: patients.archivedAt,
    })
    .from(users)
    .innerJoin(clinics, eq(clinics.id, users.clinicId))
    .leftJoin(patients, ownPatientRecord(users.id, users.clinicId))
    .where(eq(users.id, sql.placeholder("userId")))
    .limit(1)
    .prepare("load_viewer"),
);

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
  const [row] = await viewerQuery(db).execute({ userId: claims.userId });
  if (!row || row.disabled) return null;
  if (row.sessionVersion !== claims.sessionVersion) return null;
  if (row.role !== claims.role || row.clinicId !== claims.clinicId) return null;
  if (row.role === "patient" && !row.patientId) return null;
  const viewer: Viewer = {
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
  if (viewer.patientId)
    rememberOwnRecord(viewer, { id: viewer.patientId, archivedAt: row.patientArchivedAt });
  return viewer;
}

/**
 * The Viewer of a session. An enrolment-only session (two-step sign-in required by the clinic,
 * not set up yet) has no Viewer: it reaches no data, only the enrolment page.
 */
export async function viewerOfSession(
  db: Db,
  session: {
    userId: string;
    sessionVersion: number;
    role: Role;
    clinicId: string;
    mfaSetupOnly?: boolean;
  },
  ip: string | null,
): Promise<Viewer | null> {
  if (session.mfaSetupOnly) return null;
  return loadViewer(db, session, ip);
}

/** The user behind an enrolment-only session (see viewer.ts getEnrolmentOnlyUser). */
export interface EnrolmentUser {
  userId: string;
  role: Role;
  clinicId: string;
  email: string;
  name: string;
  ip: string | null;
  /** True when the session can reach nothing but the enrolment page. */
  enrolmentOnly: boolean;
}

export async function loadEnrolmentUser(
  db: Db,
  claims: { userId: string; sessionVersion: number; role: Role; clinicId: string },
  ip: string | null = null,
): Promise<EnrolmentUser | null> {
  const [row] = await db
    .select({
      userId: users.id,
      role: users.role,
      clinicId: users.clinicId,
      name: users.name,
      email: users.email,
      disabled: users.disabled,
      sessionVersion: users.sessionVersion,
    })
    .from(users)
    .where(eq(users.id, claims.userId))
    .limit(1);
  if (!row || row.disabled) return null;
  if (row.sessionVersion !== claims.sessionVersion) return null;
  if (row.role !== claims.role || row.clinicId !== claims.clinicId) return null;
  return {
    userId: row.userId,
    role: row.role,
    clinicId: row.clinicId,
    name: row.name,
    email: row.email,
    ip,
    enrolmentOnly: true,
  };
}
