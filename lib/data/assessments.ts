import "server-only";
import { randomUUID } from "node:crypto";
import { and, asc, eq, type SQL, sql } from "drizzle-orm";
import { type Db, getDb } from "@/db/client";
import { prepared } from "@/db/prepared";
import { assessments, masScores } from "@/db/schema";
import type { Viewer } from "@/lib/auth/viewer-type";
import { todayIn } from "@/lib/clinical/dates";
import type { MasGrade, MuscleGroup, Position, Side } from "@/lib/clinical/mas";
import { recomputeFlags } from "@/lib/flags/recompute";
import type { AmendmentInput, AssessmentInput } from "@/lib/validation/assessment";
import { audit, auditDenied, auditPatientRead } from "./audit";
import { ConflictError, FieldError, isUniqueViolation, NotFoundError, RuleError } from "./errors";
import { isUuid, requireStaff } from "./guards";
import { readVisiblePatient, requireVisiblePatient } from "./patient-access";

export interface AssessmentScore {
  muscleGroup: MuscleGroup;
  side: Side;
  grade: MasGrade;
}

export interface AssessmentDto {
  id: string;
  rootId: string;
  supersedesId: string | null;
  assessedOn: string;
  seq: number;
  assessorName: string;
  position: Position;
  hoursSinceOralDose: number | null;
  daysSinceToxin: number | null;
  fasciculations: boolean;
  weakness: boolean;
  wasting: boolean;
  notes: string | null;
  amendmentReason: string | null;
  recordedAt: string;
  /** True when this is a correction of an earlier version. */
  amended: boolean;
  scores: AssessmentScore[];
}

/** Effective = not superseded by a later version. */
const isEffective = sql`not exists (select 1 from ${assessments} as later where later.supersedes_id = ${assessments.id})`;

const CONFLICT =
  "This assessment was changed by someone else while you were correcting it. Your changes are still in the form: review the latest version, then save again.";

function checkDate(viewer: Viewer, assessedOn: string) {
  if (assessedOn > todayIn(viewer.clinicTimeZone)) {
    throw new FieldError({ assessedOn: ["The assessment date cannot be in the future."] });
  }
  if (assessedOn < "1990-01-01") throw new FieldError({ assessedOn: ["Enter a date after 1990."] });
}

function rowValues(input: AssessmentInput) {
  return {
    assessedOn: input.assessedOn,
    position: input.position,
    hoursSinceOralDose: input.hoursSinceOralDose ?? null,
    daysSinceToxin: input.daysSinceToxin ?? null,
    fasciculations: input.fasciculations,
    weakness: input.weakness,
    wasting: input.wasting,
    notes: input.notes ?? null,
  };
}

/** Staff of the patient's clinic: record a new assessment with its scores. Returns its id. */
export async function recordAssessment(
  viewer: Viewer,
  input: AssessmentInput,
): Promise<{ id: string }> {
  const db = await getDb();
  await requireStaff(db, viewer, "assessment.create");
  await requireVisiblePatient(db, viewer, input.patientId, "assessment.create");
  checkDate(viewer, input.assessedOn);
  const { requestId, ...fields } = input;
  const id = requestId ?? randomUUID();
  // The same form sent again (its save went through but the answer was lost, or a double
  // click): the assessment it recorded, not a second one.
  const already = async () => {
    const [row] = await db
      .select({ patientId: assessments.patientId, clinicId: assessments.clinicId })
      .from(assessments)
      .where(eq(assessments.id, id));
    if (!row) return false;
    if (row.patientId === input.patientId && row.clinicId === viewer.clinicId) return true;
    throw new RuleError(
      "This form was already used. Reload the page, then enter the assessment again.",
    );
  };
  if (requestId && (await already())) return { id };
  try {
    await insertAssessment(db, viewer, fields, id);
  } catch (error) {
    // Two sends at once: the second meets the first's primary key.
    if (requestId && isUniqueViolation(error) && (await already())) return { id };
    throw error;
  }
  return { id };
}

async function insertAssessment(
  db: Db,
  viewer: Viewer,
  input: Omit<AssessmentInput, "requestId">,
  id: string,
) {
  await db.transaction(async (tx) => {
    await tx.insert(assessments).values({
      id,
      rootId: id,
      clinicId: viewer.clinicId,
      patientId: input.patientId,
      assessorId: viewer.userId,
      ...rowValues(input),
    });
    await tx.insert(masScores).values(input.scores.map((s) => ({ assessmentId: id, ...s })));
    await audit(tx, viewer, {
      action: "assessment.create",
      entityType: "assessment",
      entityId: id,
      patientId: input.patientId,
      details: { scores: input.scores.length },
    });
    await recomputeFlags(
      tx,
      viewer.clinicId,
      [input.patientId],
      todayIn(viewer.clinicTimeZone),
      viewer,
    );
  });
}

/**
 * Staff: correct an assessment by recording a new version that supersedes `supersedesId`. The
 * original stays as it was. If that version was already corrected by someone else, ConflictError.
 */
export async function amendAssessment(
  viewer: Viewer,
  input: AmendmentInput,
): Promise<{ id: string; rootId: string }> {
  const db = await getDb();
  await requireStaff(db, viewer, "assessment.amend");
  await requireVisiblePatient(db, viewer, input.patientId, "assessment.amend");
  const [target] = await db
    .select({
      id: assessments.id,
      rootId: assessments.rootId,
      effective: sql<boolean>`${isEffective}`,
    })
    .from(assessments)
    .where(
      and(
        eq(assessments.id, input.supersedesId),
        eq(assessments.patientId, input.patientId),
        eq(assessments.clinicId, viewer.clinicId),
      ),
    );
  if (!target) {
    await auditDenied(db, viewer, "assessment.amend", "assessment", input.supersedesId);
    throw new NotFoundError("assessment");
  }
  if (!target.effective) throw new ConflictError(CONFLICT);
  checkDate(viewer, input.assessedOn);
  const id = randomUUID();
  try {
    await db.transaction(async (tx) => {
      await tx.insert(assessments).values({
        id,
        rootId: target.rootId,
        supersedesId: target.id,
        amendmentReason: input.amendmentReason,
        clinicId: viewer.clinicId,
        patientId: input.patientId,
        assessorId: viewer.userId,
        ...rowValues(input),
      });
      await tx.insert(masScores).values(input.scores.map((s) => ({ assessmentId: id, ...s })));
      await audit(tx, viewer, {
        action: "assessment.amend",
        entityType: "assessment",
        entityId: id,
        patientId: input.patientId,
        details: { supersedes: target.id, rootId: target.rootId },
      });
      await recomputeFlags(
        tx,
        viewer.clinicId,
        [input.patientId],
        todayIn(viewer.clinicTimeZone),
        viewer,
      );
    });
  } catch (error) {
    // The unique index on supersedes_id: a concurrent correction of the same version won.
    if (isUniqueViolation(error)) throw new ConflictError(CONFLICT);
    throw error;
  }
  return { id, rootId: target.rootId };
}

type AssessmentColumns = (typeof assessments)["_"]["columns"];

/** Effective = not superseded by a later version (`a`: the query's, possibly aliased, columns). */
const effective = (a: AssessmentColumns) =>
  sql`not exists (select 1 from ${assessments} as later where later.supersedes_id = ${a.id})`;

const assessmentColumns = {
  id: true,
  rootId: true,
  supersedesId: true,
  assessedOn: true,
  seq: true,
  position: true,
  hoursSinceOralDose: true,
  daysSinceToxin: true,
  fasciculations: true,
  weakness: true,
  wasting: true,
  notes: true,
  amendmentReason: true,
  createdAt: true,
} as const;
const assessmentWith = {
  assessor: { columns: { name: true } },
  scores: { columns: { muscleGroup: true, side: true, grade: true } },
} as const;

type AssessmentRow = Awaited<ReturnType<typeof loadWithScores>>[number];
const toDto = ({ createdAt, assessor, ...row }: AssessmentRow): AssessmentDto => ({
  ...row,
  assessorName: assessor.name,
  recordedAt: createdAt.toISOString(),
  amended: row.rootId !== row.id,
});

/** Assessments with their scores and assessor, in one statement. */
function loadWithScores(
  db: Db,
  where: (a: AssessmentColumns) => SQL | undefined,
  order: "chronological" | "versions",
) {
  return db.query.assessments.findMany({
    columns: assessmentColumns,
    where,
    orderBy: (a) => (order === "chronological" ? [asc(a.assessedOn), asc(a.seq)] : [asc(a.seq)]),
    with: assessmentWith,
  });
}

/** A patient's effective assessments, oldest first: every patient page reads them (db/prepared). */
const effectiveAssessmentsQuery = prepared((db) =>
  loadWithScores(
    db,
    (a) =>
      and(
        eq(a.patientId, sql.placeholder("patientId")),
        eq(a.clinicId, sql.placeholder("clinicId")),
        effective(a),
      ),
    "chronological",
  ).prepare("effective_assessments"),
);

/**
 * Staff of the clinic, or the patient themselves: the effective (latest-version) assessments,
 * oldest first, each with its scores. One read audit per request.
 */
export async function listAssessments(viewer: Viewer, patientId: string): Promise<AssessmentDto[]> {
  const db = await getDb();
  await readVisiblePatient(db, viewer, patientId, "assessment.read");
  await auditPatientRead(db, viewer, patientId, "patient.read");
  const rows = await effectiveAssessmentsQuery(db).execute({
    patientId,
    clinicId: viewer.clinicId,
  });
  return rows.map(toDto);
}

/** Staff: every version of one assessment, oldest first (the original, then each correction). */
export async function listAssessmentVersions(
  viewer: Viewer,
  patientId: string,
  rootId: string,
): Promise<AssessmentDto[]> {
  const db = await getDb();
  await requireStaff(db, viewer, "assessment.read");
  await readVisiblePatient(db, viewer, patientId, "assessment.read");
  if (!isUuid(rootId)) throw new NotFoundError("assessment");
  const versions = (
    await loadWithScores(
      db,
      (a) => and(eq(a.patientId, patientId), eq(a.clinicId, viewer.clinicId), eq(a.rootId, rootId)),
      "versions",
    )
  ).map(toDto);
  if (versions.length === 0) throw new NotFoundError("assessment");
  await auditPatientRead(db, viewer, patientId, "patient.read");
  return versions;
}
