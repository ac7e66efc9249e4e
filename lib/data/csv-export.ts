import "server-only";
import { and, asc, desc, eq, inArray } from "drizzle-orm";
import { type Db, getDb } from "@/db/client";
import { assessments, dailyLogs, flags, logItems, masScores, patients, users } from "@/db/schema";
import type { Viewer } from "@/lib/auth/viewer-type";
import { todayIn } from "@/lib/clinical/dates";
import type { Key } from "@/lib/clinical/escalation";
import { urgencyRank } from "@/lib/clinical/flag-labels";
import {
  ASSESSMENT_COLUMNS,
  assessmentRows,
  FLAG_COLUMNS,
  type FlagCsvInput,
  flagRows,
  LOG_COLUMNS,
  logRows,
  toCsv,
} from "@/lib/interop/csv";
import type { AssessmentDto, AssessmentScore } from "./assessments";
import { audit, auditDenied } from "./audit";
import { NotFoundError } from "./errors";
import type { FlagStatus } from "./flags";
import { isUuid, requireStaff } from "./guards";
import type { LogDto } from "./logs";
import { visiblePatientWhere } from "./patients";

/** A CSV download: the file's text (UTF-8 with BOM), its name and how many data rows it has. */
export interface CsvExport {
  csv: string;
  filename: string;
  rows: number;
}

const ASSESSMENTS_ACTION = "patient.export.assessments_csv";
const LOGS_ACTION = "patient.export.logs_csv";
const FLAGS_ACTION = "flags.export_csv";

/** Staff of the patient's clinic only; anyone else (patients included) is told it does not exist. */
async function requireExportablePatient(db: Db, viewer: Viewer, patientId: string, action: string) {
  await requireStaff(db, viewer, action);
  const [row] = isUuid(patientId)
    ? await db
        .select({ id: patients.id })
        .from(patients)
        .where(visiblePatientWhere(viewer, patientId))
    : [];
  if (!row) {
    await auditDenied(db, viewer, action, "patient", isUuid(patientId) ? patientId : null);
    throw new NotFoundError("patient");
  }
}

/** One event per export request; it also counts as this request's read of the record. */
async function auditExport(
  db: Db,
  viewer: Viewer,
  action: string,
  patientId: string,
  details: Record<string, unknown>,
) {
  await audit(db, viewer, {
    action,
    entityType: "patient",
    entityId: patientId,
    patientId,
    details,
  });
  viewer.readAudited.add(patientId);
}

/**
 * Every version of every assessment of a patient (originals, corrections and the versions they
 * superseded), oldest recorded first, with scores. The access rule sits in the WHERE: the
 * viewer's clinic, the patient visible to them. Callers check the viewer is staff first.
 */
async function allAssessmentVersions(
  db: Db,
  viewer: Viewer,
  patientId: string,
): Promise<AssessmentDto[]> {
  const rows = await db
    .select({
      id: assessments.id,
      rootId: assessments.rootId,
      supersedesId: assessments.supersedesId,
      assessedOn: assessments.assessedOn,
      seq: assessments.seq,
      assessorName: users.name,
      position: assessments.position,
      hoursSinceOralDose: assessments.hoursSinceOralDose,
      daysSinceToxin: assessments.daysSinceToxin,
      fasciculations: assessments.fasciculations,
      weakness: assessments.weakness,
      wasting: assessments.wasting,
      notes: assessments.notes,
      amendmentReason: assessments.amendmentReason,
      createdAt: assessments.createdAt,
    })
    .from(assessments)
    .innerJoin(patients, eq(patients.id, assessments.patientId))
    .innerJoin(users, eq(users.id, assessments.assessorId))
    .where(
      and(
        eq(assessments.clinicId, viewer.clinicId),
        eq(assessments.patientId, patientId),
        visiblePatientWhere(viewer, patientId),
      ),
    )
    .orderBy(asc(assessments.seq));
  if (rows.length === 0) return [];
  const scores = await db
    .select({
      assessmentId: masScores.assessmentId,
      muscleGroup: masScores.muscleGroup,
      side: masScores.side,
      grade: masScores.grade,
    })
    .from(masScores)
    .where(
      inArray(
        masScores.assessmentId,
        rows.map((r) => r.id),
      ),
    );
  const byAssessment = new Map<string, AssessmentScore[]>();
  for (const { assessmentId, ...score } of scores) {
    const list = byAssessment.get(assessmentId);
    if (list) list.push(score);
    else byAssessment.set(assessmentId, [score]);
  }
  return rows.map(({ createdAt, ...row }) => ({
    ...row,
    recordedAt: createdAt.toISOString(),
    amended: row.rootId !== row.id,
    scores: byAssessment.get(row.id) ?? [],
  }));
}

/** Every daily log of a patient, oldest first, with the sessions done per program item. */
async function allLogs(
  db: Db,
  viewer: Viewer,
  patientId: string,
): Promise<Omit<LogDto, "id" | "updatedAt">[]> {
  const rows = await db
    .select({
      id: dailyLogs.id,
      date: dailyLogs.logDate,
      spasticityNrs: dailyLogs.spasticityNrs,
      pain: dailyLogs.pain,
      pennFrequency: dailyLogs.pennFrequency,
      pennSeverity: dailyLogs.pennSeverity,
      symptoms: dailyLogs.symptoms,
      triggers: dailyLogs.triggers,
      newWeakness: dailyLogs.newWeakness,
      wasting: dailyLogs.wasting,
      relief: dailyLogs.relief,
      waterGlasses: dailyLogs.waterGlasses,
      note: dailyLogs.note,
    })
    .from(dailyLogs)
    .innerJoin(patients, eq(patients.id, dailyLogs.patientId))
    .where(
      and(
        eq(dailyLogs.clinicId, viewer.clinicId),
        eq(dailyLogs.patientId, patientId),
        visiblePatientWhere(viewer, patientId),
      ),
    )
    .orderBy(asc(dailyLogs.logDate));
  if (rows.length === 0) return [];
  const items = await db
    .select({
      logId: logItems.logId,
      programItemId: logItems.programItemId,
      sessionsDone: logItems.sessionsDone,
    })
    .from(logItems)
    .where(
      inArray(
        logItems.logId,
        rows.map((r) => r.id),
      ),
    );
  const byLog = new Map<string, { programItemId: string; sessionsDone: number }[]>();
  for (const { logId, ...item } of items) {
    const list = byLog.get(logId);
    if (list) list.push(item);
    else byLog.set(logId, [item]);
  }
  return rows.map(({ id, ...log }) => ({ ...log, items: byLog.get(id) ?? [] }));
}

// Filenames carry the first block of the patient id (no names: downloads folders and browser
// histories are not the place for them) and the clinic's today.
const patientFilename = (viewer: Viewer, patientId: string, what: string) =>
  `patient-${patientId.slice(0, 8)}-${what}-${todayIn(viewer.clinicTimeZone)}.csv`;

/**
 * Staff of the clinic: the patient's MAS assessments as CSV, one row per score of every version
 * (superseded ones included, marked). Audited once as "patient.export.assessments_csv".
 */
export async function exportAssessmentsCsv(viewer: Viewer, patientId: string): Promise<CsvExport> {
  const db = await getDb();
  await requireExportablePatient(db, viewer, patientId, ASSESSMENTS_ACTION);
  const versions = await allAssessmentVersions(db, viewer, patientId);
  const rows = assessmentRows(versions);
  const csv = toCsv(rows, ASSESSMENT_COLUMNS);
  await auditExport(db, viewer, ASSESSMENTS_ACTION, patientId, {
    versions: versions.length,
    rows: rows.length,
  });
  return { csv, filename: patientFilename(viewer, patientId, "assessments"), rows: rows.length };
}

/**
 * Staff of the clinic: every daily log of the patient as CSV, one row per log. Audited once as
 * "patient.export.logs_csv".
 */
export async function exportLogsCsv(viewer: Viewer, patientId: string): Promise<CsvExport> {
  const db = await getDb();
  await requireExportablePatient(db, viewer, patientId, LOGS_ACTION);
  const rows = logRows(await allLogs(db, viewer, patientId));
  const csv = toCsv(rows, LOG_COLUMNS);
  await auditExport(db, viewer, LOGS_ACTION, patientId, { rows: rows.length });
  return { csv, filename: patientFilename(viewer, patientId, "logs"), rows: rows.length };
}

/** Flags still waiting on the clinic: raised and not yet referred, dismissed or resolved. */
const OPEN_STATUSES: FlagStatus[] = ["open", "acknowledged"];

/**
 * Staff: the clinic's open flags (open or acknowledged, as last computed) as CSV, most urgent
 * kind first, then newest. Audited once as "flags.export_csv".
 */
export async function exportOpenFlagsCsv(viewer: Viewer): Promise<CsvExport> {
  const db = await getDb();
  await requireStaff(db, viewer, FLAGS_ACTION);
  const found = await db
    .select({
      givenName: patients.givenName,
      familyName: patients.familyName,
      kind: flags.kind,
      action: flags.action,
      keys: flags.keys,
      status: flags.status,
      raisedOn: flags.raisedOn,
      reason: flags.reason,
    })
    .from(flags)
    .innerJoin(patients, eq(patients.id, flags.patientId))
    .where(
      and(
        eq(flags.clinicId, viewer.clinicId),
        eq(patients.clinicId, viewer.clinicId),
        inArray(flags.status, OPEN_STATUSES),
      ),
    )
    .orderBy(desc(flags.raisedOn), asc(patients.familyName), asc(patients.givenName));
  const list: FlagCsvInput[] = found
    .map(({ givenName, familyName, keys, ...f }) => ({
      ...f,
      keys: keys as Key[],
      patientName: `${givenName} ${familyName}`,
    }))
    // Stable sort: within a kind the query's order (newest first, then by name) stays.
    .sort((a, b) => urgencyRank(a.kind) - urgencyRank(b.kind));
  const rows = flagRows(list);
  const csv = toCsv(rows, FLAG_COLUMNS);
  await audit(db, viewer, {
    action: FLAGS_ACTION,
    entityType: "flags",
    details: { statuses: OPEN_STATUSES, rows: rows.length },
  });
  return {
    csv,
    filename: `open-flags-${todayIn(viewer.clinicTimeZone)}.csv`,
    rows: rows.length,
  };
}
