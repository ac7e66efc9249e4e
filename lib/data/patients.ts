import "server-only";
import { and, asc, count, eq, ilike, inArray, isNotNull, isNull, ne, or, sql } from "drizzle-orm";
import { type Db, getDb } from "@/db/client";
import { prepared, preparedVariants } from "@/db/prepared";
import { accountCodes, dailyLogs, flagComputations, flags, patients, users } from "@/db/schema";
import { isStaff, type Viewer } from "@/lib/auth/viewer-type";
import { addDays, ageOn, todayIn } from "@/lib/clinical/dates";
import type { FlagKind } from "@/lib/clinical/escalation";
import { FLAG_URGENCY } from "@/lib/clinical/flag-labels";
import { MAS_GRADES, type MasGrade } from "@/lib/clinical/mas";
import {
  CASELOAD_PAGE_SIZE,
  type CaseloadFilter,
  type MsType,
  type PatientInput,
} from "@/lib/validation/patient";
import { audit, auditDenied, auditPatientRead } from "./audit";
import { FieldError, NotFoundError } from "./errors";
import { isUuid, requireStaff } from "./guards";
import { adherence14, adherenceInputs, adherenceWindow } from "./logs";
import { visibleKey, visiblePatientValues, visiblePatientWherePrepared } from "./patient-access";
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

/** A caseload row: the patient and the figures the dashboard shows and sorts by. */
export interface CaseloadEntry extends CaseloadRow {
  /** Open and acknowledged flags, most urgent first. */
  flags: { kind: FlagKind; action: string | null }[];
  /** As the recompute of every clinical write keeps them (null: never assessed). */
  highestLatestGrade: MasGrade | null;
  lastAssessedOn: string | null;
  lastLogDate: string | null;
  /** 14-day adherence ending yesterday (CLINICAL §6); null: nothing prescribed. */
  adherence14: number | null;
}

export interface CaseloadPage {
  rows: CaseloadEntry[];
  /** Patients matching the filter, on every page. */
  total: number;
  page: number;
  pages: number;
}

const URGENCY = sql`array[${sql.join(
  FLAG_URGENCY.map((k) => sql`${k}`),
  sql`, `,
)}]::flag_kind[]`;
/** Highest grade first. */
const GRADE_DESC = sql`array[${sql.join(
  [...MAS_GRADES].reverse().map((g) => sql`${g}`),
  sql`, `,
)}]::mas_grade[]`;

/** What decides the caseload statement's SQL; everything else is a bound value. */
interface CaseloadShape {
  sort: CaseloadFilter["sort"];
  archived: boolean;
  mine: boolean;
  search: boolean;
  nolog: boolean;
}

/**
 * The caseload statements of one filter shape (db/prepared): the page of rows (`page`, or `all`
 * rows when sorting by adherence, which is computed, not stored) and the count of matches.
 */
const caseloadQuery = preparedVariants(
  (shape: CaseloadShape) =>
    `${shape.sort}:${+shape.archived}${+shape.mine}${+shape.search}${+shape.nolog}`,
  (db, shape) => {
    const where = and(
      eq(patients.clinicId, sql.placeholder("clinicId")),
      shape.archived ? isNotNull(patients.archivedAt) : isNull(patients.archivedAt),
      shape.mine ? eq(patients.primaryTherapistId, sql.placeholder("userId")) : undefined,
      shape.search
        ? or(
            ilike(
              sql`${patients.givenName} || ' ' || ${patients.familyName}`,
              sql.placeholder("pattern"),
            ),
            ilike(
              sql`${patients.familyName} || ' ' || ${patients.givenName}`,
              sql.placeholder("pattern"),
            ),
          )
        : undefined,
      // "No log in 7 days": never logged, or the last log is more than 7 days old.
      shape.nolog
        ? sql`not exists (select 1 from ${dailyLogs} d where d.patient_id = "patients"."id" and d.log_date >= ${sql.placeholder("nologFrom")})`
        : undefined,
    );
    // Per patient: the rank of the most urgent active flag, and how many there are.
    const activeFlags = db
      .select({
        patientId: flags.patientId,
        rank: sql<number>`min(array_position(${URGENCY}, ${flags.kind}))`.as("rank"),
        n: count().as("n"),
      })
      .from(flags)
      .where(
        and(
          eq(flags.clinicId, sql.placeholder("clinicId")),
          inArray(flags.status, ["open", "acknowledged"]),
        ),
      )
      .groupBy(flags.patientId)
      .as("active_flags");
    const byName = [asc(patients.familyName), asc(patients.givenName), asc(patients.id)];
    const order = {
      // Most urgent open flag first, then more flags; patients without flags last.
      flags: [sql`active_flags.rank asc nulls last`, sql`active_flags.n desc nulls last`],
      grade: [
        sql`array_position(${GRADE_DESC}, ${flagComputations.highestLatestGrade}) asc nulls last`,
      ],
      assessed: [sql`${flagComputations.lastAssessedOn} desc nulls last`],
      name: [],
      adherence: [],
    }[shape.sort];
    const rows = () => {
      const query = db
        .select({
          // What the 14-day adherence reads (evaluated for the rows on screen only, as the flags).
          ...adherenceInputs({
            from: sql.placeholder("from"),
            yesterday: sql.placeholder("yesterday"),
          }),
          ...patientColumns,
          highestLatestGrade: flagComputations.highestLatestGrade,
          lastAssessedOn: flagComputations.lastAssessedOn,
          lastLogDate: sql<
            string | null
          >`(select max(d.log_date) from ${dailyLogs} d where d.patient_id = "patients"."id")::text`,
          total: sql<number>`count(*) over ()`.mapWith(Number),
          // Open and acknowledged flags, most urgent first (for the rows on screen only: Postgres
          // evaluates it after the sort and the limit).
          flags: sql<
            CaseloadEntry["flags"]
          >`(select coalesce(json_agg(json_build_object('kind', f.kind, 'action', f.action) order by array_position(${URGENCY}, f.kind), f.id), '[]') from ${flags} f where f.patient_id = "patients"."id" and f.status in ('open', 'acknowledged'))`,
        })
        .from(patients)
        .leftJoin(users, eq(users.id, patients.primaryTherapistId))
        .leftJoin(flagComputations, eq(flagComputations.patientId, patients.id))
        .$dynamic();
      return (
        (
          shape.sort === "flags"
            ? query.leftJoin(activeFlags, eq(activeFlags.patientId, patients.id))
            : query
        )
          .where(where)
          // The id last (in byName): a stable order, so that no patient is on two pages (or none).
          .orderBy(...order, ...byName)
      );
    };
    return {
      all: rows().prepare("caseload_all"),
      // The first page has a statement of its own, without OFFSET: PostgreSQL's generic plan
      // then costs less than a custom one (an unknown OFFSET is costed as a tenth of the rows)
      // and is kept after five runs, so the most read page is not planned again every time
      // (about 2-3 ms of the server's CPU each, measured with the large clinic).
      first: rows().limit(sql.placeholder("limit")).prepare("caseload_first"),
      page: rows()
        .limit(sql.placeholder("limit"))
        .offset(sql.placeholder("offset"))
        .prepare("caseload_page"),
      count: db.select({ n: count() }).from(patients).where(where).prepare("caseload_count"),
    };
  },
);
type CaseloadQueryRow = Awaited<
  ReturnType<ReturnType<typeof caseloadQuery>["all"]["execute"]>
>[number];

/**
 * Staff: one page of the clinic's patients, filtered (name, "my patients", archived, no log in
 * 7 days) and sorted (most urgent open flag, highest MAS grade, last assessed, lowest adherence,
 * name) in SQL, with the figures of the rows on screen, 14-day adherence included. Three
 * statements whatever the clinic's size; sorting by adherence computes it for every matching
 * patient first.
 */
export async function caseloadPage(viewer: Viewer, filter: CaseloadFilter): Promise<CaseloadPage> {
  const db = await getDb();
  await requireStaff(db, viewer, "caseload.read");
  const q = filter.q?.trim();
  const today = todayIn(viewer.clinicTimeZone);
  const statements = caseloadQuery(db, {
    sort: filter.sort,
    archived: filter.archived,
    mine: filter.mine,
    search: Boolean(q),
    nolog: filter.nolog,
  });
  const values = {
    clinicId: viewer.clinicId,
    userId: viewer.userId,
    pattern: q ? likePattern(q) : "",
    nologFrom: addDays(today, -7),
    ...adherenceWindow(today),
  };
  let rows: (CaseloadQueryRow & { adherence14: number | null })[];
  let total: number;
  let page: number;
  if (filter.sort === "adherence") {
    // Lowest adherence first (the patients who need a conversation), "no data" last: the
    // figure is computed, not stored, so it is computed for every matching patient.
    const all = (await statements.all.execute(values)).map((row) => ({
      ...row,
      adherence14: adherence14(row, today),
    }));
    const ratio = (row: (typeof all)[number]) => row.adherence14 ?? 2;
    const sorted = all
      .map((row, i) => ({ row, i }))
      .sort((a, b) => ratio(a.row) - ratio(b.row) || a.i - b.i)
      .map(({ row }) => row);
    total = sorted.length;
    page = Math.min(filter.page, pageCount(total));
    rows = sorted.slice((page - 1) * CASELOAD_PAGE_SIZE, page * CASELOAD_PAGE_SIZE);
  } else {
    const pageRows = async (n: number) =>
      (n === 1
        ? await statements.first.execute({ ...values, limit: CASELOAD_PAGE_SIZE })
        : await statements.page.execute({
            ...values,
            limit: CASELOAD_PAGE_SIZE,
            offset: (n - 1) * CASELOAD_PAGE_SIZE,
          })
      ).map((row) => ({ ...row, adherence14: adherence14(row, today) }));
    page = filter.page;
    rows = await pageRows(page);
    total = rows[0]?.total ?? 0;
    if (rows.length === 0 && page > 1) {
      // Past the end (an old link, or patients archived since): show the last page.
      const [counted] = await statements.count.execute(values);
      total = counted?.n ?? 0;
      page = pageCount(total);
      rows = total > 0 ? await pageRows(page) : [];
    }
  }
  await audit(db, viewer, {
    action: "caseload.read",
    entityType: "caseload",
    details: { count: rows.length, total, page },
  });
  return {
    rows: rows.map((row) => ({
      ...toDetail(row, today),
      flags: row.flags,
      highestLatestGrade: row.highestLatestGrade,
      lastAssessedOn: row.lastAssessedOn,
      lastLogDate: row.lastLogDate,
      adherence14: row.adherence14,
    })),
    total,
    page,
    pages: pageCount(total),
  };
}

const pageCount = (total: number) => Math.max(1, Math.ceil(total / CASELOAD_PAGE_SIZE));

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

/** The patient with the portal-access panel's state (staff only), in one statement. */
const visiblePatientQuery = prepared((db) => {
  const build = (staff: boolean) =>
    db
      .select({
        ...patientColumns,
        pendingInviteExpiry: staff
          ? sql<Date | null>`(select max(${accountCodes.expiresAt}) from ${accountCodes} where ${accountCodes.patientId} = ${patients.id} and ${accountCodes.usedAt} is null and ${accountCodes.revokedAt} is null and ${accountCodes.expiresAt} > now())`.mapWith(
              accountCodes.expiresAt,
            )
          : sql<null>`null`,
      })
      .from(patients)
      .leftJoin(users, eq(users.id, patients.primaryTherapistId))
      .where(visiblePatientWherePrepared(staff))
      .limit(1)
      .prepare(staff ? "visible_patient_staff" : "visible_patient_own");
  return { staff: build(true), patient: build(false) };
});

async function findVisiblePatient(db: Db, viewer: Viewer, patientId: string) {
  if (!isUuid(patientId)) return null;
  const statements = visiblePatientQuery(db);
  const [row] = await (isStaff(viewer) ? statements.staff : statements.patient).execute(
    visiblePatientValues(viewer, patientId),
  );
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
