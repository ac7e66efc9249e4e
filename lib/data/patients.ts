import "server-only";
import { and, asc, eq, ilike, isNotNull, isNull, ne, or, sql } from "drizzle-orm";
import { type Db, getDb } from "@/db/client";
import { accountCodes, patients, users } from "@/db/schema";
import { isStaff, type Viewer } from "@/lib/auth/viewer-type";
import { ageOn, todayIn } from "@/lib/clinical/dates";
import type { CaseloadFilter, MsType, PatientInput } from "@/lib/validation/patient";
import { audit, auditDenied, auditPatientRead } from "./audit";
import { FieldError, NotFoundError } from "./errors";
import { isUuid, requireStaff } from "./guards";
import { visibleKey, visiblePatientWhere } from "./patient-access";
import { rememberForRequest } from "./request-memo";

export interface CaseloadRow {
  id: string;
  givenName: string;
  familyName: string;
  dateOfBirth: string;
  age: number;
  msType: MsType;
  therapistId: string | null;
  therapistName: string | null;
  hasLogin: boolean;
  archived: boolean;
}

export interface PatientDetail extends CaseloadRow {
  diagnosisYear: number | null;
  createdAt: string;
  /** Staff only (null for the patient): when the unused portal invite expires, if one is pending. */
  pendingInviteExpiry: string | null;
}

const patientColumns = {
  id: patients.id,
  givenName: patients.givenName,
  familyName: patients.familyName,
  dateOfBirth: patients.dateOfBirth,
  msType: patients.msType,
  diagnosisYear: patients.diagnosisYear,
  therapistId: patients.primaryTherapistId,
  therapistName: users.name,
  userId: patients.userId,
  archivedAt: patients.archivedAt,
  createdAt: patients.createdAt,
};

interface PatientRow {
  id: string;
  givenName: string;
  familyName: string;
  dateOfBirth: string;
  msType: MsType;
  diagnosisYear: number | null;
  therapistId: string | null;
  therapistName: string | null;
  userId: string | null;
  archivedAt: Date | null;
  createdAt: Date;
}

function toDetail(row: PatientRow, today: string): Omit<PatientDetail, "pendingInviteExpiry"> {
  return {
    id: row.id,
    givenName: row.givenName,
    familyName: row.familyName,
    dateOfBirth: row.dateOfBirth,
    age: ageOn(row.dateOfBirth, today),
    msType: row.msType,
    diagnosisYear: row.diagnosisYear,
    therapistId: row.therapistId,
    therapistName: row.therapistName,
    hasLogin: row.userId !== null,
    archived: row.archivedAt !== null,
    createdAt: row.createdAt.toISOString(),
  };
}

const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Staff: the clinic's patients, optionally only the viewer's own caseload or a name search. */
export async function listCaseload(
  viewer: Viewer,
  filter: Pick<CaseloadFilter, "q" | "mine" | "archived">,
): Promise<CaseloadRow[]> {
  const db = await getDb();
  await requireStaff(db, viewer, "caseload.read");
  const q = filter.q?.trim();
  const rows = await db
    .select(patientColumns)
    .from(patients)
    .leftJoin(users, eq(users.id, patients.primaryTherapistId))
    .where(
      and(
        eq(patients.clinicId, viewer.clinicId),
        filter.archived ? isNotNull(patients.archivedAt) : isNull(patients.archivedAt),
        filter.mine ? eq(patients.primaryTherapistId, viewer.userId) : undefined,
        q
          ? or(
              ilike(sql`${patients.givenName} || ' ' || ${patients.familyName}`, likePattern(q)),
              ilike(sql`${patients.familyName} || ' ' || ${patients.givenName}`, likePattern(q)),
            )
          : undefined,
      ),
    )
    // The id last: a stable order, so that paging never shows a patient twice (or never).
    .orderBy(asc(patients.familyName), asc(patients.givenName), asc(patients.id))
    .limit(1000);
  await audit(db, viewer, {
    action: "caseload.read",
    entityType: "caseload",
    details: { count: rows.length },
  });
  const today = todayIn(viewer.clinicTimeZone);
  return rows.map((row) => toDetail(row, today));
}

/**
 * One patient's record: staff of the patient's clinic, or the patient themselves. Anything
 * else (other clinic, other patient, malformed id) is NotFoundError, audited as denied.
 */
export async function getPatient(viewer: Viewer, patientId: string): Promise<PatientDetail> {
  const db = await getDb();
  const row = await findVisiblePatient(db, viewer, patientId);
  if (!row) {
    await auditDenied(db, viewer, "patient.read", "patient", isUuid(patientId) ? patientId : null);
    throw new NotFoundError("patient");
  }
  // The access check the later reads of this request would repeat is implied: remember it.
  rememberForRequest(viewer, visibleKey(row.id), { id: row.id, archivedAt: row.archivedAt });
  await auditPatientRead(db, viewer, row.id, "patient.read");
  return {
    ...toDetail(row, todayIn(viewer.clinicTimeZone)),
    pendingInviteExpiry: row.pendingInviteExpiry?.toISOString() ?? null,
  };
}

export { visiblePatientWhere } from "./patient-access";

async function findVisiblePatient(db: Db, viewer: Viewer, patientId: string) {
  if (!isUuid(patientId)) return null;
  const [row] = await db
    .select({
      ...patientColumns,
      // The portal-access panel's state, in the same statement (staff only).
      pendingInviteExpiry: isStaff(viewer)
        ? sql<Date | null>`(select max(${accountCodes.expiresAt}) from ${accountCodes} where ${accountCodes.patientId} = ${patients.id} and ${accountCodes.usedAt} is null and ${accountCodes.revokedAt} is null and ${accountCodes.expiresAt} > now())`.mapWith(
            accountCodes.expiresAt,
          )
        : sql<null>`null`,
    })
    .from(patients)
    .leftJoin(users, eq(users.id, patients.primaryTherapistId))
    .where(visiblePatientWhere(viewer, patientId))
    .limit(1);
  return row ?? null;
}

/** Rules that need the clinic's calendar and its staff list; throws FieldError. */
async function checkPatientInput(db: Db, viewer: Viewer, input: PatientInput) {
  const today = todayIn(viewer.clinicTimeZone);
  const errors: Record<string, string[]> = {};
  if (input.dateOfBirth > today)
    errors.dateOfBirth = ["The date of birth cannot be in the future."];
  else if (input.dateOfBirth < "1900-01-01")
    errors.dateOfBirth = ["Enter a date of birth after 1900."];
  if (input.diagnosisYear !== undefined) {
    if (input.diagnosisYear > Number(today.slice(0, 4)))
      errors.diagnosisYear = ["The diagnosis year cannot be in the future."];
    else if (input.diagnosisYear < Number(input.dateOfBirth.slice(0, 4)))
      errors.diagnosisYear = ["The diagnosis year cannot be before the year of birth."];
  }
  if (input.primaryTherapistId) {
    const [therapist] = await db
      .select({ id: users.id })
      .from(users)
      .where(
        and(
          eq(users.id, input.primaryTherapistId),
          eq(users.clinicId, viewer.clinicId),
          ne(users.role, "patient"),
          eq(users.disabled, false),
        ),
      );
    if (!therapist)
      errors.primaryTherapistId = ["Choose a therapist of this clinic from the list."];
  }
  if (Object.keys(errors).length > 0) throw new FieldError(errors);
}

/** Staff: add a patient to the clinic. Returns the new patient's id. */
export async function createPatient(viewer: Viewer, input: PatientInput): Promise<{ id: string }> {
  const db = await getDb();
  await requireStaff(db, viewer, "patient.create");
  await checkPatientInput(db, viewer, input);
  return db.transaction(async (tx) => {
    const [created] = await tx
      .insert(patients)
      .values({
        clinicId: viewer.clinicId,
        givenName: input.givenName,
        familyName: input.familyName,
        dateOfBirth: input.dateOfBirth,
        msType: input.msType,
        diagnosisYear: input.diagnosisYear ?? null,
        primaryTherapistId: input.primaryTherapistId ?? null,
      })
      .returning({ id: patients.id });
    if (!created) throw new Error("insert returned no row");
    await audit(tx, viewer, {
      action: "patient.create",
      entityType: "patient",
      entityId: created.id,
      patientId: created.id,
    });
    return created;
  });
}

/** Staff of the patient's clinic: change the patient's profile. */
export async function updatePatient(
  viewer: Viewer,
  patientId: string,
  input: PatientInput,
): Promise<void> {
  const db = await getDb();
  await requireStaff(db, viewer, "patient.update");
  const existing = await findVisiblePatient(db, viewer, patientId);
  if (!existing) {
    await auditDenied(
      db,
      viewer,
      "patient.update",
      "patient",
      isUuid(patientId) ? patientId : null,
    );
    throw new NotFoundError("patient");
  }
  await checkPatientInput(db, viewer, input);
  await db.transaction(async (tx) => {
    await tx
      .update(patients)
      .set({
        givenName: input.givenName,
        familyName: input.familyName,
        dateOfBirth: input.dateOfBirth,
        msType: input.msType,
        diagnosisYear: input.diagnosisYear ?? null,
        primaryTherapistId: input.primaryTherapistId ?? null,
        updatedAt: new Date(),
      })
      .where(and(eq(patients.id, patientId), eq(patients.clinicId, viewer.clinicId)));
    await audit(tx, viewer, {
      action: "patient.update",
      entityType: "patient",
      entityId: patientId,
      patientId,
    });
  });
}

/** Staff: archive (discharge) or restore a patient. History is kept either way. */
export async function setPatientArchived(
  viewer: Viewer,
  patientId: string,
  archived: boolean,
): Promise<void> {
  const db = await getDb();
  await requireStaff(db, viewer, "patient.archive");
  const existing = await findVisiblePatient(db, viewer, patientId);
  if (!existing) {
    await auditDenied(
      db,
      viewer,
      "patient.archive",
      "patient",
      isUuid(patientId) ? patientId : null,
    );
    throw new NotFoundError("patient");
  }
  await db.transaction(async (tx) => {
    await tx
      .update(patients)
      .set({ archivedAt: archived ? new Date() : null, updatedAt: new Date() })
      .where(and(eq(patients.id, patientId), eq(patients.clinicId, viewer.clinicId)));
    await audit(tx, viewer, {
      action: archived ? "patient.archive" : "patient.restore",
      entityType: "patient",
      entityId: patientId,
      patientId,
    });
  });
}
