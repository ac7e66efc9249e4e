import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import type { Db, Tx } from "@/db/client";
import { patients } from "@/db/schema";
import { isStaff, type Viewer } from "@/lib/auth/viewer-type";
import { auditDenied } from "./audit";
import { NotFoundError } from "./errors";
import { isUuid } from "./guards";
import { memoForRequest, rememberForRequest } from "./request-memo";

/** The access rule for a patient record, in the WHERE clause: staff of its clinic, or the patient. */
export function visiblePatientWhere(viewer: Viewer, patientId: string) {
  return and(
    eq(patients.id, patientId),
    eq(patients.clinicId, viewer.clinicId),
    isStaff(viewer) ? undefined : eq(patients.userId, viewer.userId),
  );
}

/**
 * `visiblePatientWhere` for a prepared statement (db/prepared.ts), one per kind of viewer: its
 * values are `visiblePatientValues`.
 */
export function visiblePatientWherePrepared(staff: boolean) {
  return and(
    eq(patients.id, sql.placeholder("patientId")),
    eq(patients.clinicId, sql.placeholder("clinicId")),
    staff ? undefined : eq(patients.userId, sql.placeholder("userId")),
  );
}

export const visiblePatientValues = (viewer: Viewer, patientId: string) => ({
  patientId,
  clinicId: viewer.clinicId,
  userId: viewer.userId,
});

/**
 * The patient if the viewer may see them; otherwise the refusal is audited and the record does
 * not exist for them (NotFoundError), whatever the reason: other clinic, other patient, bad id.
 */
export async function requireVisiblePatient(
  db: Db | Tx,
  viewer: Viewer,
  patientId: string,
  action: string,
): Promise<{ id: string; archivedAt: Date | null }> {
  const [row] = isUuid(patientId)
    ? await db
        .select({ id: patients.id, archivedAt: patients.archivedAt })
        .from(patients)
        .where(visiblePatientWhere(viewer, patientId))
    : [];
  if (!row) {
    await auditDenied(db as Db, viewer, action, "patient", isUuid(patientId) ? patientId : null);
    throw new NotFoundError("patient");
  }
  return row;
}

export const visibleKey = (patientId: string) => `visible-patient:${patientId}`;

/**
 * A patient user's own record: the same user and clinic, as `visiblePatientWhere` requires of a
 * patient viewer. The session query joins it (lib/auth/load-viewer.ts) to know the patient.
 */
export const ownPatientRecord = (userId: AnyPgColumn, clinicId: AnyPgColumn) =>
  and(eq(patients.userId, userId), eq(patients.clinicId, clinicId));

/**
 * The session query read the patient's own record with `ownPatientRecord`: that is this request's
 * access check to it, and later reads of the record need not repeat it.
 */
export function rememberOwnRecord(viewer: Viewer, record: { id: string; archivedAt: Date | null }) {
  if (viewer.role === "patient" && viewer.patientId === record.id)
    rememberForRequest(viewer, visibleKey(record.id), record);
}

/**
 * For reads: `requireVisiblePatient`, once per request and patient (a denial is audited once and
 * answers "not found" to every later read of the request). Writes call requireVisiblePatient in
 * their own transaction.
 */
export function readVisiblePatient(db: Db, viewer: Viewer, patientId: string, action: string) {
  return memoForRequest(viewer, visibleKey(patientId), () =>
    requireVisiblePatient(db, viewer, patientId, action),
  );
}
