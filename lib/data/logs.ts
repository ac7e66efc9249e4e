import "server-only";
import { and, asc, desc, eq, gte, lte, type Placeholder, sql } from "drizzle-orm";
import type { z } from "zod";
import { type Db, getDb } from "@/db/client";
import { prepared } from "@/db/prepared";
import {
  dailyLogs,
  logItems,
  logReviews,
  programItems,
  programPauses,
  programs,
  programVersions,
} from "@/db/schema";
import type { Viewer } from "@/lib/auth/viewer-type";
import {
  type AdherenceLog,
  type AdherenceProgram,
  adherence,
  dailyAdherence,
} from "@/lib/clinical/adherence";
import { addDays, todayIn } from "@/lib/clinical/dates";
import { describeDosage } from "@/lib/clinical/dosage";
import type { ReliefTool, Symptom, Trigger } from "@/lib/clinical/log-options";
import { isProgramActiveOn, versionInForce } from "@/lib/clinical/program-schedule";
import { recomputeFlags } from "@/lib/flags/recompute";
import type { LogInput, reviewSchema } from "@/lib/validation/log";
import { audit, auditDenied, auditPatientRead } from "./audit";
import { FieldError, NotFoundError } from "./errors";
import { isUuid, requireStaff } from "./guards";
import { readVisiblePatient, requireVisiblePatient } from "./patient-access";
import { loadPrograms, type ProgramDto, patientPrograms } from "./programs";

/** A patient may log for today and the 7 days before it, never the future. */
export const LOG_DAYS_BACK = 7;

export interface LogDto {
  id: string;
  date: string;
  spasticityNrs: number | null;
  pain: number | null;
  pennFrequency: number | null;
  pennSeverity: number | null;
  symptoms: Symptom[];
  triggers: Trigger[];
  newWeakness: boolean;
  wasting: boolean;
  relief: ReliefTool[];
  waterGlasses: number | null;
  note: string | null;
  items: { programItemId: string; sessionsDone: number }[];
  updatedAt: string;
}

export interface LogFormItem {
  programItemId: string;
  programTitle: string;
  exerciseName: string;
  dosage: string;
  sessionsPerDay: number;
}

/** The program items active on `day` (their version in force, program running and not paused). */
export function itemsActiveOn(programs: ProgramDto[], day: string): LogFormItem[] {
  const out: LogFormItem[] = [];
  for (const p of programs) {
    if (!isProgramActiveOn(p, p.pauses, day)) continue;
    for (const item of versionInForce(p.versions, day)?.items ?? []) {
      out.push({
        programItemId: item.id,
        programTitle: p.title,
        exerciseName: item.exerciseName,
        dosage: describeDosage(item),
        sessionsPerDay: item.sessionsPerDay,
      });
    }
  }
  return out;
}

const LOG_COLUMNS = {
  id: true,
  patientId: true,
  logDate: true,
  spasticityNrs: true,
  pain: true,
  pennFrequency: true,
  pennSeverity: true,
  symptoms: true,
  triggers: true,
  newWeakness: true,
  wasting: true,
  relief: true,
  waterGlasses: true,
  note: true,
  updatedAt: true,
} as const;
const LOG_ITEMS = { items: { columns: { programItemId: true, sessionsDone: true } } } as const;

function toLogDto({
  logDate,
  updatedAt,
  ...row
}: {
  logDate: string;
  updatedAt: Date;
} & Omit<LogDto, "date" | "updatedAt"> & { patientId: string }): LogDto & { patientId: string } {
  return { ...row, date: logDate, updatedAt: updatedAt.toISOString() };
}

/** A patient's logs (with their items, in one statement) of [from, to] (db/prepared). */
const patientLogsQuery = prepared((db) =>
  db.query.dailyLogs
    .findMany({
      columns: LOG_COLUMNS,
      where: (l) =>
        and(
          eq(l.clinicId, sql.placeholder("clinicId")),
          eq(l.patientId, sql.placeholder("patientId")),
          gte(l.logDate, sql.placeholder("from")),
          lte(l.logDate, sql.placeholder("to")),
        ),
      orderBy: (l) => [asc(l.logDate)],
      with: LOG_ITEMS,
    })
    .prepare("patient_logs"),
);

async function loadLogs(db: Db, viewer: Viewer, patientId: string, from: string, to: string) {
  const rows = await patientLogsQuery(db).execute({
    clinicId: viewer.clinicId,
    patientId,
    from,
    to,
  });
  return rows.map(toLogDto);
}

const toAdherenceLogs = (logs: LogDto[]): AdherenceLog[] =>
  logs.map((l) => ({
    date: l.date,
    items: l.items.map((i) => ({ itemId: i.programItemId, sessionsDone: i.sessionsDone })),
  }));

/** The patient themselves: what to show on the log form for `date` (today by default). */
export async function getLogForm(viewer: Viewer, patientId: string, date: string) {
  const db = await getDb();
  if (viewer.role !== "patient") throw new NotFoundError("patient");
  await readVisiblePatient(db, viewer, patientId, "log.read");
  const today = todayIn(viewer.clinicTimeZone);
  if (!(date <= today && date >= addDays(today, -LOG_DAYS_BACK)))
    throw new NotFoundError("log day");
  const [programs, logs] = await Promise.all([
    // The items of `date` come from programs whose last day is that day or later.
    loadPrograms(db, viewer, patientId, today, { lastDayFrom: date }),
    loadLogs(db, viewer, patientId, date, date),
  ]);
  await auditPatientRead(db, viewer, patientId, "log.read");
  return { today, date, items: itemsActiveOn(programs, date), log: logs[0] ?? null };
}

/**
 * The patient themselves: save the day's log. Saving the same day again updates it; two
 * submits at once still make one log (upsert on patient + date, serialised by the row lock).
 */
export async function saveLog(viewer: Viewer, input: LogInput): Promise<{ created: boolean }> {
  const db = await getDb();
  if (viewer.role !== "patient" || input.patientId !== viewer.patientId) {
    await auditDenied(
      db,
      viewer,
      "log.save",
      "patient",
      isUuid(input.patientId) ? input.patientId : null,
    );
    throw new NotFoundError("patient");
  }
  await requireVisiblePatient(db, viewer, input.patientId, "log.save");
  const today = todayIn(viewer.clinicTimeZone);
  if (input.date > today)
    throw new FieldError({ date: ["You cannot log a day that has not happened yet."] });
  if (input.date < addDays(today, -LOG_DAYS_BACK))
    throw new FieldError({ date: [`You can log today and the ${LOG_DAYS_BACK} days before it.`] });

  const programs = await loadPrograms(db, viewer, input.patientId, today, {
    lastDayFrom: input.date,
  });
  const active = itemsActiveOn(programs, input.date);
  const byId = new Map(active.map((i) => [i.programItemId, i]));
  const errors: Record<string, string[]> = {};
  for (const s of input.sessions) {
    const item = byId.get(s.programItemId);
    if (!item)
      errors[`sessions:${s.programItemId}`] = [
        "This exercise is not in your program for that day.",
      ];
    else if (s.sessionsDone > item.sessionsPerDay)
      errors[`sessions:${s.programItemId}`] = [
        `At most ${item.sessionsPerDay} sessions a day are prescribed.`,
      ];
  }
  if (Object.keys(errors).length > 0) throw new FieldError(errors);
  const sessions = input.allDone
    ? active.map((i) => ({ programItemId: i.programItemId, sessionsDone: i.sessionsPerDay }))
    : input.sessions;

  const values = {
    spasticityNrs: input.spasticityNrs ?? null,
    pain: input.pain ?? null,
    pennFrequency: input.pennFrequency ?? null,
    pennSeverity: input.pennFrequency ? (input.pennSeverity ?? null) : null,
    symptoms: input.symptoms,
    triggers: input.triggers,
    newWeakness: input.newWeakness,
    wasting: input.wasting,
    relief: input.relief,
    waterGlasses: input.waterGlasses ?? null,
    note: input.note ?? null,
  };
  return db.transaction(async (tx) => {
    const [log] = await tx
      .insert(dailyLogs)
      .values({
        clinicId: viewer.clinicId,
        patientId: input.patientId,
        logDate: input.date,
        ...values,
      })
      .onConflictDoUpdate({
        target: [dailyLogs.patientId, dailyLogs.logDate],
        set: { ...values, updatedAt: new Date() },
      })
      .returning({ id: dailyLogs.id, created: sql<boolean>`(xmax = 0)` });
    if (!log) throw new Error("upsert returned no row");
    await tx.delete(logItems).where(eq(logItems.logId, log.id));
    if (sessions.length > 0)
      await tx.insert(logItems).values(sessions.map((s) => ({ logId: log.id, ...s })));
    await audit(tx, viewer, {
      action: log.created ? "log.create" : "log.update",
      entityType: "daily_log",
      entityId: log.id,
      patientId: input.patientId,
      details: { date: input.date, allDone: input.allDone },
    });
    await recomputeFlags(tx, viewer.clinicId, [input.patientId], today, viewer);
    return { created: Boolean(log.created) };
  });
}

export interface LogReviewDto {
  reviewedThrough: string;
  note: string | null;
  reviewerName: string;
  reviewedAt: string;
}

export interface PatientLogSummary {
  today: string;
  logs: LogDto[];
  adherence: { days: 7 | 14 | 28; ratio: number | null }[];
  daily: { date: string; ratio: number | null; logged: boolean }[];
  latestReview: LogReviewDto | null;
}

/** A patient's logs of [from, today] with their items, and the latest review (db/prepared). */
const logSummaryQuery = prepared((db) =>
  db.query.patients
    .findFirst({
      columns: { id: true },
      where: (p) =>
        and(eq(p.id, sql.placeholder("patientId")), eq(p.clinicId, sql.placeholder("clinicId"))),
      with: {
        dailyLogs: {
          columns: LOG_COLUMNS,
          where: (l) =>
            and(gte(l.logDate, sql.placeholder("from")), lte(l.logDate, sql.placeholder("today"))),
          orderBy: (l) => [asc(l.logDate)],
          with: LOG_ITEMS,
        },
        logReviews: {
          columns: { reviewedThrough: true, note: true, createdAt: true },
          orderBy: (r) => [desc(r.createdAt)],
          limit: 1,
          with: { reviewer: { columns: { name: true } } },
        },
      },
    })
    .prepare("log_summary"),
);

/**
 * Staff of the clinic, or the patient themselves: the last `days` days of logs with adherence
 * (7/14/28 days ending yesterday, CLINICAL §6) and the latest review.
 */
export async function getLogSummary(
  viewer: Viewer,
  patientId: string,
  days = 60,
): Promise<PatientLogSummary> {
  const db = await getDb();
  await readVisiblePatient(db, viewer, patientId, "log.read");
  const today = todayIn(viewer.clinicTimeZone);
  const yesterday = addDays(today, -1);
  const from = addDays(today, -Math.max(days, 28));
  // The logs with their items and the latest review: one statement. Adherence reads the
  // programs in force on some day of its windows, [from, yesterday]: those whose last day is
  // `from` or later (a long-treated patient's older programs are not read).
  const [programs, record] = await Promise.all([
    patientPrograms(db, viewer, patientId, today, from),
    logSummaryQuery(db).execute({ patientId, clinicId: viewer.clinicId, from, today }),
  ]);
  await auditPatientRead(db, viewer, patientId, "log.read");
  const logs = (record?.dailyLogs ?? []).map(toLogDto);
  const forAdherence = toAdherenceLogs(logs);
  const loggedDays = new Set(logs.map((l) => l.date));
  const review = record?.logReviews[0];
  return {
    today,
    logs: logs.filter((l) => l.date >= addDays(today, -days)),
    adherence: ([7, 14, 28] as const).map((n) => ({
      days: n,
      ratio: adherence(programs, forAdherence, yesterday, n).ratio,
    })),
    daily: dailyAdherence(programs, forAdherence, yesterday, days).map((d) => ({
      ...d,
      logged: loggedDays.has(d.date),
    })),
    latestReview: review
      ? {
          reviewedThrough: review.reviewedThrough,
          note: review.note,
          reviewerName: review.reviewer.name,
          reviewedAt: review.createdAt.toISOString(),
        }
      : null,
  };
}

/** Staff: mark the patient's logs reviewed up to a date, optionally with a note back to them. */
export async function reviewLogs(
  viewer: Viewer,
  input: z.infer<typeof reviewSchema>,
): Promise<void> {
  const db = await getDb();
  await requireStaff(db, viewer, "log.review");
  await requireVisiblePatient(db, viewer, input.patientId, "log.review");
  if (input.reviewedThrough > todayIn(viewer.clinicTimeZone))
    throw new FieldError({ reviewedThrough: ["The date cannot be in the future."] });
  await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(logReviews)
      .values({
        clinicId: viewer.clinicId,
        patientId: input.patientId,
        reviewedThrough: input.reviewedThrough,
        note: input.note ?? null,
        reviewedBy: viewer.userId,
      })
      .returning({ id: logReviews.id });
    await audit(tx, viewer, {
      action: "log.review",
      entityType: "log_review",
      entityId: row?.id,
      patientId: input.patientId,
    });
  });
}

/**
 * What 14-day adherence (ending yesterday, CLINICAL §6) reads of one patient, as two JSON columns
 * of a row whose patient is `"patients"."id"`: the programs in force in the window with their
 * versions, items and pauses (no exercise texts), and the window's logs with their sessions
 * done. A caseload page adds them to its own statement, evaluated for the rows on screen only.
 */
/** A day's sessions of one program item, as `adherenceInputs` reads them: [date, item id, sessions]. */
type AdherenceLogEntry = [date: string, itemId: string, sessionsDone: number];

export function adherenceInputs(window: AdherenceWindow<string | Placeholder>) {
  const { from, yesterday } = window;
  return {
    adherencePrograms: sql<AdherenceProgram[]>`(select coalesce(json_agg(json_build_object(
        'startDate', pr.start_date, 'endDate', pr.end_date, 'endedOn', pr.ended_on,
        'versions', (select coalesce(json_agg(json_build_object(
            'versionNo', v.version_no, 'effectiveFrom', v.effective_from,
            'items', (select coalesce(json_agg(json_build_object('id', i.id, 'sessionsPerDay', i.sessions_per_day, 'daysPerWeek', i.days_per_week)), '[]') from ${programItems} i where i.version_id = v.id)
          ) order by v.version_no), '[]') from ${programVersions} v where v.program_id = pr.id),
        'pauses', (select coalesce(json_agg(json_build_object('pausedFrom', ps.paused_from, 'resumedOn', ps.resumed_on)), '[]') from ${programPauses} ps where ps.program_id = pr.id)
      )), '[]') from ${programs} pr
      where pr.patient_id = "patients"."id" and pr.start_date <= ${yesterday} and pr.end_date >= ${from}
        and (pr.ended_on is null or pr.ended_on >= ${from}))`,
    // One [date, item, sessions] entry per item done: a join rather than a sub-select and an
    // aggregate per log, and a flat array that parses faster than nested objects.
    adherenceLogs: sql<
      AdherenceLogEntry[]
    >`(select coalesce(json_agg(json_build_array(d.log_date, li.program_item_id, li.sessions_done)), '[]')
      from ${dailyLogs} d join ${logItems} li on li.log_id = d.id
      where d.patient_id = "patients"."id" and d.log_date >= ${from} and d.log_date <= ${yesterday}
        and li.sessions_done > 0)`,
  };
}

/** The days `adherenceInputs` reads: the 14 days ending yesterday (values or placeholders). */
export interface AdherenceWindow<T> {
  from: T;
  yesterday: T;
}
export const adherenceWindow = (today: string): AdherenceWindow<string> => ({
  from: addDays(today, -14),
  yesterday: addDays(today, -1),
});

/** The 14-day adherence of a row read with `adherenceInputs` (null: "no data"). */
export function adherence14(
  row: { adherencePrograms: AdherenceProgram[]; adherenceLogs: AdherenceLogEntry[] },
  today: string,
): number | null {
  // adherence() sums sessions per date and item over all the logs it is given, so one "log" per
  // entry counts the same as the day's log with all its items.
  const logs: AdherenceLog[] = row.adherenceLogs.map(([date, itemId, sessionsDone]) => ({
    date,
    items: [{ itemId, sessionsDone }],
  }));
  return adherence(row.adherencePrograms, logs, addDays(today, -1), 14).ratio;
}
